package dev.parley.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
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
 *
 * <p>They are Lucene analyzers made here ({@link #create}), which the Lucene index uses as they are and snippets use to
 * find the query's words in a hit; {@link OpenSearchAnalysis} defines the same ones for an index in OpenSearch.
 */
public class MessageAnalysis implements LuceneAnalysisConfigurer {

    public static final String ENGLISH = "parley_english";
    public static final String PREFIX = "parley_prefix";
    public static final String PLAIN = "parley_plain";
    public static final String FILE_NAME = "parley_file_name";
    public static final String PAIRS = "parley_pairs";

    public static final List<String> NAMES = List.of(ENGLISH, PREFIX, PLAIN, FILE_NAME, PAIRS);

    /** The longest prefix indexed; a longer word being typed matches through the whole-word field instead. */
    public static final int MAX_PREFIX = 20;

    /** Where a file name is split into words, besides spaces: "roadmap_v2.final.pdf" is roadmap, v2, final and pdf. */
    static final String FILE_NAME_SEPARATORS = "[._\\-]+";

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        NAMES.forEach(name -> context.analyzer(name).instance(create(name)));
    }

    /**
     * A new analyzer of that name, one of {@link #NAMES}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Analyzer create(String name) {
        try {
            return switch (name) {
                case ENGLISH -> english().build();
                case PREFIX ->
                    CustomAnalyzer.builder()
                            .withTokenizer("standard")
                            .addTokenFilter("lowercase")
                            .addTokenFilter("asciiFolding")
                            .addTokenFilter(
                                    "edgeNGram",
                                    params("minGramSize", "1", "maxGramSize", Integer.toString(MAX_PREFIX)))
                            .build();
                case FILE_NAME ->
                    CustomAnalyzer.builder()
                            .addCharFilter(
                                    "patternReplace", params("pattern", FILE_NAME_SEPARATORS, "replacement", " "))
                            .withTokenizer("standard")
                            .addTokenFilter("englishPossessive")
                            .addTokenFilter("lowercase")
                            .addTokenFilter("asciiFolding")
                            .addTokenFilter("porterStem")
                            .build();
                case PAIRS ->
                    english()
                            .addTokenFilter(
                                    "shingle",
                                    params("minShingleSize", "2", "maxShingleSize", "2", "outputUnigrams", "false"))
                            .build();
                case PLAIN ->
                    CustomAnalyzer.builder()
                            .withTokenizer("standard")
                            .addTokenFilter("lowercase")
                            .addTokenFilter("asciiFolding")
                            .build();
                default -> throw new IllegalArgumentException("No analyzer " + name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the analyzer " + name, e);
        }
    }

    /** A factory's parameters, in a map of its own: the builder takes its entries out. */
    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static CustomAnalyzer.Builder english() throws IOException {
        return CustomAnalyzer.builder()
                .withTokenizer("standard")
                .addTokenFilter("englishPossessive")
                .addTokenFilter("lowercase")
                .addTokenFilter("asciiFolding")
                .addTokenFilter("porterStem");
    }
}
