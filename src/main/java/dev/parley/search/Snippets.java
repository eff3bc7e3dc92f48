package dev.parley.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * The snippets of one search's hits: a stretch of each hit's text, escaped as HTML, with the words the search matched
 * in {@code <mark>}.
 *
 * <p>The text is analysed as the index analysed it, and a word is marked when its analysed form is one of the query's
 * words (so "deployed" is marked for "deploys") or of the stems the word being typed stood for, when it is part of one
 * of the query's phrases there, or when it starts with the word being typed (ignoring case and accents). Parley marks
 * the words itself, in the message's text, rather than through Hibernate Search's highlighter: that one needs the
 * query's clauses on the text field itself, and a phrase is looked up faster as pairs of words in a field of its own
 * (see {@code docs/design-decisions/ 2026-11-21-search.md}).
 */
final class Snippets {

    static final String OPEN = "<mark>";
    static final String CLOSE = "</mark>";

    private static final String ELLIPSIS = "…";

    private final Analyzer analyzer;
    private final int length;
    private final Set<String> words;
    private final List<List<String>> phrases;
    private final String prefix;

    private Snippets(Analyzer analyzer, int length, Set<String> words, List<List<String>> phrases, String prefix) {
        this.analyzer = analyzer;
        this.length = length;
        this.words = words;
        this.phrases = phrases;
        this.prefix = prefix;
    }

    /**
     * The snippets of a search.
     *
     * @param analyzer the analyzer of the text field, to analyse the query's words and each hit's text alike
     * @param length about how many characters of text a snippet shows
     * @param typedStems the stems the word being typed stood for in the search, marked as its words are
     */
    static Snippets of(Analyzer analyzer, int length, SearchQuery query, Set<String> typedStems) {
        Set<String> words = new HashSet<>(typedStems);
        for (String word : query.words()) {
            words.addAll(Token.terms(analyzer, word));
        }
        List<List<String>> phrases = new ArrayList<>();
        for (String phrase : query.phrases()) {
            List<String> terms = Token.terms(analyzer, phrase);
            if (!terms.isEmpty()) {
                phrases.add(terms);
            }
        }
        String typed = query.prefix();
        return new Snippets(analyzer, length, words, phrases, typed == null ? "" : fold(typed));
    }

    /** The snippet of {@code text} as HTML: the user's text escaped, the matched words in {@code <mark>}. */
    String of(String text) {
        List<Token> tokens = Token.analyse(analyzer, text);
        boolean[] marked = new boolean[tokens.size()];
        int first = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (words.contains(token.term())
                    || (!prefix.isEmpty()
                            && fold(text.substring(token.start(), token.end())).startsWith(prefix))) {
                marked[i] = true;
            }
            for (List<String> phrase : phrases) {
                if (startsPhrase(tokens, i, phrase)) {
                    for (int j = i; j < i + phrase.size(); j++) {
                        marked[j] = true;
                    }
                }
            }
            if (marked[i] && first < 0) {
                first = i;
            }
        }
        int from = 0;
        int to = text.length();
        if (text.length() > length) {
            // A stretch of about `length` characters, starting up to a fifth of that before the first marked word, cut
            // between words.
            if (first >= 0) {
                int lead = tokens.get(first).start() - length / 5;
                for (int i = first; i >= 0 && tokens.get(i).start() >= lead; i--) {
                    from = tokens.get(i).start();
                }
            }
            to = from;
            for (Token token : tokens) {
                if (token.start() >= from && token.end() <= from + length) {
                    to = token.end();
                }
            }
            if (to == from) {
                to = Math.min(text.length(), from + length); // a single word longer than the stretch
            }
        }
        StringBuilder html = new StringBuilder(to - from + 32);
        if (from > 0) {
            html.append(ELLIPSIS);
        }
        int at = from;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!marked[i] || token.start() < from || token.end() > to) {
                continue;
            }
            escape(text, at, token.start(), html);
            html.append(OPEN);
            escape(text, token.start(), token.end(), html);
            html.append(CLOSE);
            at = token.end();
        }
        escape(text, at, to, html);
        if (to < text.length()) {
            html.append(ELLIPSIS);
        }
        return html.toString();
    }

    private static boolean startsPhrase(List<Token> tokens, int at, List<String> phrase) {
        if (at + phrase.size() > tokens.size()) {
            return false;
        }
        for (int i = 0; i < phrase.size(); i++) {
            if (!tokens.get(at + i).term().equals(phrase.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void escape(String text, int from, int to, StringBuilder html) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }

    /** Lower case without accents, as the prefix field's analyzers fold words. */
    private static String fold(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return text.toLowerCase(Locale.ROOT);
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }
}
