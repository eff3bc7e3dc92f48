package dev.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A word of a text as one of the index's analyzers makes it: the term a query looks up, and where it stands in the text
 * (for snippets).
 *
 * @param term the analysed form ("deploi" for "deployed" in the English-analysed field)
 * @param start where the word starts in the text
 * @param end where it ends
 */
record Token(String term, int start, int end) {

    /** The tokens {@code analyzer} makes of {@code text}, in order. */
    static List<Token> analyse(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        if (text.isEmpty()) {
            return tokens;
        }
        // The field name only selects a per-field analyzer, which these are not.
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot analyse a text in memory", e);
        }
        return tokens;
    }

    /** Only the terms {@code analyzer} makes of {@code text}, in order. */
    static List<String> terms(Analyzer analyzer, String text) {
        return analyse(analyzer, text).stream().map(Token::term).toList();
    }
}
