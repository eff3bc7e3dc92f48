package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchResultsTest {

    @Test
    void the_total_reads_as_a_count_or_as_at_least_when_counting_stopped() {
        assertThat(new SearchResults(List.of(), 0, true).totalText()).isEqualTo("No messages found");
        assertThat(new SearchResults(List.of(), 1, true).totalText()).isEqualTo("1 message");
        assertThat(new SearchResults(List.of(), 42, true).totalText()).isEqualTo("42 messages");
        assertThat(new SearchResults(List.of(), SearchService.EXACT_TOTAL_UP_TO, false).totalText())
                .isEqualTo("1000+ messages");
    }
}
