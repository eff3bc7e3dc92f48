package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The search index as the application runs it: a commit does not wait for the index (application.properties), and a
 * new, edited or deleted message is still found as it now is within a second. The other tests wait for the index at
 * every commit ({@code SqliteTest}), to search what they have just written.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "parley.data-dir=target/test-data/sqlite-${random.uuid}",
            "parley.messages.rate-limit.capacity=1000000"
        })
class SearchFreshnessTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Autowired
    SearchService search;

    @Autowired
    SearchIndex index;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

    private UserSummary reader;

    @Test
    void posts_edits_and_deletes_are_searchable_within_a_second_of_their_commit() {
        await().atMost(Duration.ofSeconds(60)).until(index::ready);
        UserSummary alice = Fixtures.user(accounts, "alice");
        reader = Fixtures.user(accounts, "reader");
        RoomSummary room = rooms.create(alice.id(), "Fresh " + UUID.randomUUID(), null, false);

        ChatMessage posted = messages.post(alice.id(), room.id(), "the qzfreshk build is green");
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> total("qzfreshk") == 1);

        messages.edit(alice.id(), posted.id(), "the qzstalek build is red");
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> total("qzstalek") == 1 && total("qzfreshk") == 0);

        messages.delete(alice.id(), posted.id());
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> total("qzstalek") == 0);
        assertThat(total("qzfreshk")).isZero();
    }

    private long total(String word) {
        return search.search(reader.id(), SearchQuery.parse(word)).total();
    }
}
