package dev.parley.search.internal;

import static dev.parley.search.internal.MessageAnalysis.ENGLISH;
import static dev.parley.search.internal.MessageAnalysis.FILE_NAME;
import static dev.parley.search.internal.MessageAnalysis.MAX_PREFIX;
import static dev.parley.search.internal.MessageAnalysis.PAIRS;
import static dev.parley.search.internal.MessageAnalysis.PLAIN;
import static dev.parley.search.internal.MessageAnalysis.PREFIX;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

/**
 * {@link MessageAnalysis}'s analyzers for an index in OpenSearch, in OpenSearch's names for the same Lucene tokenizer
 * and filters (its {@code analysis-common} module): the index holds the same terms on both backends, and every query
 * finds the same messages. {@code SearchServiceOpenSearchTest} runs the search contract on it.
 */
public class OpenSearchAnalysis implements ElasticsearchAnalysisConfigurer {

    private static final String POSSESSIVE = "parley_possessive";
    private static final String EDGES = "parley_word_starts";
    private static final String SHINGLES = "parley_word_pairs";
    private static final String SEPARATORS = "parley_file_name_separators";

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.tokenFilter(POSSESSIVE).type("stemmer").param("language", "possessive_english");
        context.tokenFilter(EDGES).type("edge_ngram").param("min_gram", 1).param("max_gram", MAX_PREFIX);
        context.tokenFilter(SHINGLES)
                .type("shingle")
                .param("min_shingle_size", 2)
                .param("max_shingle_size", 2)
                .param("output_unigrams", false);
        context.charFilter(SEPARATORS)
                .type("pattern_replace")
                .param("pattern", MessageAnalysis.FILE_NAME_SEPARATORS)
                .param("replacement", " ");

        context.analyzer(ENGLISH)
                .custom()
                .tokenizer("standard")
                .tokenFilters(POSSESSIVE, "lowercase", "asciifolding", "porter_stem");
        context.analyzer(PREFIX).custom().tokenizer("standard").tokenFilters("lowercase", "asciifolding", EDGES);
        context.analyzer(FILE_NAME)
                .custom()
                .tokenizer("standard")
                .charFilters(SEPARATORS)
                .tokenFilters(POSSESSIVE, "lowercase", "asciifolding", "porter_stem");
        context.analyzer(PAIRS)
                .custom()
                .tokenizer("standard")
                .tokenFilters(POSSESSIVE, "lowercase", "asciifolding", "porter_stem", SHINGLES);
        context.analyzer(PLAIN).custom().tokenizer("standard").tokenFilters("lowercase", "asciifolding");
    }
}
