package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** On SQLite every way of posting writes on the writer thread ({@link GroupCommit}), never in the caller's thread. */
@SqliteTest
@Import(GroupCommitSqliteTest.WritingThreads.class)
class GroupCommitSqliteTest {

    /** The thread each post's write transaction ran on, seen just before it commits. */
    @TestConfiguration
    static class WritingThreads {

        final List<String> names = new CopyOnWriteArrayList<>();

        @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
        void posted(MessagePosted posted) {
            names.add(Thread.currentThread().getName());
        }
    }

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    @Autowired
    WritingThreads threads;

    @Autowired
    SearchService search;

    @Test
    void a_post_with_or_without_files_writes_on_the_writer_thread() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Writer " + UUID.randomUUID(), null, false);
        threads.names.clear();

        messages.post(alice.id(), room.id(), "through the API's path");
        messages.post(alice.id(), room.id(), "through the view's path", List.of());

        assertThat(threads.names).containsExactly("parley-post-writer", "parley-post-writer");
    }

    @Test
    void posts_written_together_are_all_stored_in_order_and_searchable() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Batch " + UUID.randomUUID(), null, false);
        // Four authors, ten posts each: within every author's posting allowance.
        List<UserSummary> authors = new ArrayList<>(List.of(alice));
        for (String name : List.of("bob", "carol", "dave")) {
            UserSummary author = Fixtures.user(accounts, name);
            members.join(author.id(), room.slug());
            authors.add(author);
        }
        int posts = 40;
        try (ExecutorService posters = Executors.newFixedThreadPool(8)) {
            List<Future<ChatMessage>> posted = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                UserSummary author = authors.get(i % authors.size());
                String body = "batched zebrafish number" + i;
                posted.add(posters.submit(() -> messages.post(author.id(), room.id(), body)));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<ChatMessage> post : posted) {
                seqs.add(post.get(30, TimeUnit.SECONDS).seq());
            }
            assertThat(seqs)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(1, posts).boxed().toList());
        }

        // Each post's entities leave the persistence context before the next post of its batch: what Hibernate
        // Search took from them at the flush stays, so every post is in the index.
        assertThat(search.search(
                                alice.id(),
                                SearchQuery.parse("zebrafish").limitedTo(50).inRoom(room.id()))
                        .hits())
                .hasSize(posts);
    }
}
