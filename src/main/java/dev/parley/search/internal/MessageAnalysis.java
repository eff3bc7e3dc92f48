package dev.parley.search.internal;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzers of the message index. {@value #ENGLISH} folds case and accents and stems English words (so "deploys"
 * finds "deployed"), without stop words, so that a phrase keeps every word. {@value #PREFIX} indexes the first 1 to 20
 * letters of each word, and is searched with {@value #PLAIN}, which only folds case and accents: the word being typed
 * matches as a prefix with a plain term lookup, no wildcard expansion. {@value #FILE_NAME} is {@value #ENGLISH} that
 * also splits names at dots, dashes and underscores, and is searched with {@value #ENGLISH}. {@value #PAIRS} is
 * {@value #ENGLISH} made into pairs of neighbouring words ("merge review" is one term): a phrase looked up as pairs
 * reads the short posting list of a pair instead of checking the positions of every message that has both words.
 */
public class MessageAnalysis implements LuceneAnalysisConfigurer {

    public static final String ENGLISH = "parley_english";
    public static final String PREFIX = "parley_prefix";
    public static final String PLAIN = "parley_plain";
    public static final String FILE_NAME = "parley_file_name";
    public static final String PAIRS = "parley_pairs";

    /** The longest prefix indexed; a longer word being typed matches through the whole-word field instead. */
    public static final int MAX_PREFIX = 20;

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(ENGLISH)
                .custom()
                .tokenizer("standard")
                .tokenFilter("englishPossessive")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("porterStem");
        context.analyzer(PREFIX)
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("edgeNGram")
                .param("minGramSize", "1")
                .param("maxGramSize", Integer.toString(MAX_PREFIX));
        // As ENGLISH, but "roadmap_v2.final.pdf" is the words roadmap, v2, final and pdf.
        context.analyzer(FILE_NAME)
                .custom()
                .tokenizer("standard")
                .charFilter("patternReplace")
                .param("pattern", "[._\\-]+")
                .param("replacement", " ")
                .tokenFilter("englishPossessive")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("porterStem");
        context.analyzer(PAIRS)
                .custom()
                .tokenizer("standard")
                .tokenFilter("englishPossessive")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("porterStem")
                .tokenFilter("shingle")
                .param("minShingleSize", "2")
                .param("maxShingleSize", "2")
                .param("outputUnigrams", "false");
        context.analyzer(PLAIN)
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
    }
}
