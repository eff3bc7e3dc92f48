package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
    AccountService accounts;

    @Autowired
    WritingThreads threads;

    @Test
    void a_post_with_or_without_files_writes_on_the_writer_thread() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Writer " + UUID.randomUUID(), null, false);
        threads.names.clear();

        messages.post(alice.id(), room.id(), "through the API's path");
        messages.post(alice.id(), room.id(), "through the view's path", List.of());

        assertThat(threads.names).containsExactly("parley-post-writer", "parley-post-writer");
    }
}
