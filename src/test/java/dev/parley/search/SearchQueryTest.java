package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.base.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a typed search means, and what a malformed one is told. */
class SearchQueryTest {

    @Test
    void words_phrases_exclusions_and_operators_are_told_apart() {
        SearchQuery query =
                SearchQuery.parse("release \"blue green\" -draft -\"on hold\" from:Alice in:general has:file has:image"
                        + " before:2026-03-01 after:2026-01-31 notes");

        assertThat(query.words()).containsExactly("release");
        assertThat(query.prefix()).isEqualTo("notes");
        assertThat(query.phrases()).containsExactly("blue green");
        assertThat(query.excluded()).containsExactly("draft", "on hold");
        assertThat(query.from()).isEqualTo("alice");
        assertThat(query.inRoom()).isEqualTo("general");
        assertThat(query.hasFile()).isTrue();
        assertThat(query.hasImage()).isTrue();
        assertThat(query.before()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(query.after()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(query.sort()).isEqualTo(SearchSort.RELEVANCE);
        assertThat(query.limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT);
    }

    @Test
    void only_a_plain_last_word_is_a_prefix() {
        assertThat(SearchQuery.parse("deploy").prefix()).isEqualTo("deploy");
        assertThat(SearchQuery.parse("deploy from:bob").prefix()).isNull();
        assertThat(SearchQuery.parse("deploy from:bob").words()).containsExactly("deploy");
        assertThat(SearchQuery.parse("deploy \"the build\"").prefix()).isNull();
        assertThat(SearchQuery.parse("deploy -draft").prefix()).isNull();
    }

    @Test
    void an_unknown_operator_and_a_lone_dash_are_ordinary_text() {
        SearchQuery query = SearchQuery.parse("meet at 10:30 - https://example.com");
        assertThat(query.words()).containsExactly("meet", "at", "10:30", "-");
        assertThat(query.prefix()).isEqualTo("https://example.com");
    }

    @Test
    void malformed_queries_say_how_to_write_them() {
        assertThatThrownBy(() -> SearchQuery.parse("   "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Type a word");
        assertThatThrownBy(() -> SearchQuery.parse("\"unclosed phrase"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quote is not closed");
        assertThatThrownBy(() -> SearchQuery.parse("from:"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from: needs a username");
        assertThatThrownBy(() -> SearchQuery.parse("has:video"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has: takes file or image");
        assertThatThrownBy(() -> SearchQuery.parse("before:yesterday"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> SearchQuery.parse("after:2026-02-30"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> SearchQuery.parse("x".repeat(SearchQuery.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> SearchQuery.parse("word").limitedTo(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> SearchSort.parse("oldest"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("relevance or newest");
    }
}
