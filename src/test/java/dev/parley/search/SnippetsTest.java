package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    /** Lower-cases, without stemming: enough to see what is marked (the index's own analyzer stems too). */
    private final Analyzer analyzer = new StandardAnalyzer();

    private String snippet(String query, String text) {
        return Snippets.of(analyzer, 40, SearchQuery.parse(query), Set.of()).of(text);
    }

    @Test
    void words_and_the_word_being_typed_are_marked_whole_and_the_text_is_escaped() {
        assertThat(snippet("Deploy rel", "deploy the release & relax <amp>"))
                .isEqualTo("<mark>deploy</mark> the <mark>release</mark> &amp; <mark>relax</mark> &lt;amp&gt;");
        assertThat(snippet("am", "Ämter")).isEqualTo("<mark>Ämter</mark>");
        assertThat(snippet("x", "<b onclick=\"evil('me')\">"))
                .isEqualTo("&lt;b onclick=&quot;evil(&#39;me&#39;)&quot;&gt;");
    }

    @Test
    void a_phrase_is_marked_only_where_its_words_stand_in_its_order() {
        assertThat(snippet("\"green blue\"", "blue green sky, green blue sea"))
                .isEqualTo("blue green sky, <mark>green</mark> <mark>blue</mark> sea");
    }

    @Test
    void a_long_text_is_cut_between_words_shortly_before_the_first_match() {
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";

        assertThat(snippet("twelve", text)).isEqualTo("…eleven <mark>twelve</mark> thirteen fourteen fifteen");
        assertThat(snippet("one", text)).isEqualTo("<mark>one</mark> two three four five six seven eight…");
        assertThat(snippet("in:general", text)).isEqualTo("one two three four five six seven eight…");
    }
}
