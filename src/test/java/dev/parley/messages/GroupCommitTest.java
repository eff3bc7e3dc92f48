package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.base.NotAllowedException;
import dev.parley.base.ParleyProperties;
import dev.parley.base.StorageFullException;
import dev.parley.base.StorageProperties;
import dev.parley.base.StorageStatus;
import dev.parley.base.UnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.util.unit.DataSize;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class GroupCommitTest {

    /** How the next commit fails, as a database's can: after storing the transaction, or without storing it. */
    private enum CommitFault {
        NONE,
        AFTER_STORING,
        WITHOUT_STORING
    }

    /**
     * Records what each transaction did: the work of a committed one, and how many rolled back. The next commit can be
     * made to fail, after storing its work or without.
     */
    private static final class RecordingTransactions extends AbstractPlatformTransactionManager {

        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        volatile int rolledBack;
        /** How the commit of the next transaction that did {@link #faultyWork} fails. */
        volatile CommitFault fault = CommitFault.NONE;

        volatile String faultyWork = "";
        volatile RuntimeException commitFailure = new TransactionSystemException("Could not commit");
        private List<String> current = new ArrayList<>();

        void did(String work) {
            current.add(work);
        }

        /** Makes the commit of the next transaction that does {@code work} fail so. */
        void failCommitOf(String work, CommitFault how, RuntimeException failure) {
            faultyWork = work;
            commitFailure = failure;
            fault = how;
        }

        /** Whether a committed transaction did this work: what the group commit looks up after a failed commit. */
        boolean stored(String work) {
            synchronized (committed) {
                return committed.stream().anyMatch(done -> done.contains(work));
            }
        }

        /** How many committed transactions did this work. */
        long timesStored(String work) {
            synchronized (committed) {
                return committed.stream()
                        .flatMap(List::stream)
                        .filter(work::equals)
                        .count();
            }
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            current = new ArrayList<>();
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            CommitFault now = current.contains(faultyWork) ? fault : CommitFault.NONE;
            if (now != CommitFault.NONE) {
                fault = CommitFault.NONE;
            }
            if (now != CommitFault.WITHOUT_STORING) {
                committed.add(List.copyOf(current));
            }
            if (now != CommitFault.NONE) {
                throw commitFailure;
            }
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack++;
        }
    }

    private final RecordingTransactions transactions = new RecordingTransactions();

    @TempDir
    static Path dataFolder;

    // A large amount: the disk counts as no longer full once that much is freed, and the builds sharing it free less.
    private final StorageStatus storage = new StorageStatus(
            new ParleyProperties(dataFolder, Duration.ofSeconds(25)),
            new StorageProperties(DataSize.ofGigabytes(4)),
            Clock.systemUTC());
    private final GroupCommit groupCommit =
            new GroupCommit(transactions, "sqlite", storage, () -> transactions.did("between"));
    private final ExecutorService posters = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        posters.shutdownNow();
        groupCommit.destroy();
    }

    @Test
    void posts_waiting_for_the_writer_are_written_in_one_transaction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingTheWriter(release);
        List<Future<String>> waiting = waitingPosts("a", "b", "c");
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        List<String> results = new ArrayList<>();
        for (Future<String> post : waiting) {
            results.add(post.get(5, TimeUnit.SECONDS));
        }
        assertThat(results).containsExactly("a", "b", "c");
        assertThat(transactions.committed).hasSize(2);
        assertThat(transactions.committed.get(0)).containsExactly("first");
        List<String> batch = transactions.committed.get(1);
        assertThat(batch)
                .as("each post of a batch is followed by the flush and clear of its writes")
                .hasSize(6);
        assertThat(List.of(batch.get(0), batch.get(2), batch.get(4))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(List.of(batch.get(1), batch.get(3), batch.get(5))).containsOnly("between");
    }

    @Test
    void a_post_that_fails_is_refused_alone_and_the_others_of_its_batch_are_written() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingTheWriter(release);
        Future<String> before = posters.submit(() -> post(groupCommit, () -> {
            transactions.did("before");
            return "before";
        }));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 1);
        Future<String> refused = posters.submit(() -> post(groupCommit, () -> {
            throw new NotAllowedException("You are muted in this room");
        }));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 2);
        Future<String> after = posters.submit(() -> post(groupCommit, () -> {
            transactions.did("after");
            return "after";
        }));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 3);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(before.get(5, TimeUnit.SECONDS)).isEqualTo("before");
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("after");
        assertThatThrownBy(() -> unwrap(refused))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("You are muted in this room");
        // The batch of three rolled back, then each was written alone: the refused one rolled back on its own.
        assertThat(transactions.rolledBack).isEqualTo(2);
        assertThat(transactions.committed).contains(List.of("before"), List.of("after"));
        assertThat(transactions.committed).noneMatch(work -> work.size() > 1);
    }

    @Test
    void on_a_database_with_concurrent_writers_each_post_writes_on_its_own_thread_in_its_own_transaction()
            throws Exception {
        GroupCommit inline = new GroupCommit(transactions, "postgresql", storage, () -> transactions.did("between"));
        try {
            Future<String> post = posters.submit(() -> post(inline, () -> {
                transactions.did("alone");
                return Thread.currentThread().getName();
            }));
            String poster = post.get(5, TimeUnit.SECONDS);

            assertThat(poster).doesNotContain("parley-post-writer");
            assertThat(transactions.committed).containsExactly(List.of("alone"));
        } finally {
            inline.destroy();
        }
    }

    @Test
    void posts_queued_when_shutdown_begins_are_written_before_it_ends_and_later_ones_are_refused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingTheWriter(release);
        List<Future<String>> queued = waitingPosts("a", "b", "c");
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> shutdown = stopping.submit(() -> {
                groupCommit.destroy();
                return null;
            });
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 4);
            Future<String> late = stopping.submit(() -> post(groupCommit, () -> {
                transactions.did("late");
                return "late";
            }));
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 5);
            release.countDown();

            shutdown.get(15, TimeUnit.SECONDS);
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            List<String> results = new ArrayList<>();
            for (Future<String> post : queued) {
                results.add(post.get(5, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactly("a", "b", "c");
            assertThatThrownBy(() -> unwrap(late))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("shutting down");
        }
        assertThat(transactions.committed).flatExtracting(work -> work).doesNotContain("late");
    }

    @Test
    void a_post_after_shutdown_is_refused_rather_than_left_waiting() throws InterruptedException {
        groupCommit.destroy();

        assertThatThrownBy(() -> post(groupCommit, () -> "late"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("shutting down");
    }

    @Test
    void a_batch_whose_commit_fails_after_storing_it_is_acknowledged_and_never_written_twice() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingTheWriter(release);
        List<Future<String>> batch = waitingPosts("a", "b", "c");
        // The commit reports a failure, yet the database has the batch: an I/O error after the commit record.
        transactions.failCommitOf(
                "a", CommitFault.AFTER_STORING, new TransactionSystemException("Could not commit: I/O"));
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        for (int i = 0; i < batch.size(); i++) {
            assertThat(batch.get(i).get(5, TimeUnit.SECONDS))
                    .isEqualTo(List.of("a", "b", "c").get(i));
        }
        for (String work : List.of("a", "b", "c")) {
            assertThat(transactions.timesStored(work)).as(work).isEqualTo(1);
        }
    }

    @Test
    void a_batch_whose_commit_finds_the_disk_full_is_refused_whole_and_the_next_batch_is_written() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingTheWriter(release);
        List<Future<String>> batch = waitingPosts("a", "b", "c");
        transactions.failCommitOf(
                "a", CommitFault.WITHOUT_STORING, new TransactionSystemException("No commit", diskFull()));
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> refused : batch) {
            assertThatThrownBy(() -> unwrap(refused))
                    .isInstanceOf(StorageFullException.class)
                    .hasMessage("Storage is full: the message was not stored");
        }
        assertThat(List.of("a", "b", "c")).noneMatch(transactions::stored);
        assertThat(storage.snapshot().full()).isTrue();

        // Space is back: the next post is written, and the disk is no longer called full.
        assertThat(post(groupCommit, () -> {
                    transactions.did("later");
                    return "later";
                }))
                .isEqualTo("later");
        assertThat(transactions.timesStored("later")).isEqualTo(1);
        assertThat(storage.snapshot().full()).isFalse();
    }

    @Test
    void a_post_that_finds_the_disk_full_refuses_its_batch_whole_without_writing_each_again() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingTheWriter(release);
        List<Future<String>> before = waitingPosts("a");
        Future<String> full = posters.submit(() -> post(groupCommit, () -> {
            throw new DataAccessResourceFailureException("could not execute statement", diskFull());
        }));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 2);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> refused : List.of(before.getFirst(), full)) {
            assertThatThrownBy(() -> unwrap(refused))
                    .isInstanceOf(StorageFullException.class)
                    .hasMessage("Storage is full: the message was not stored");
        }
        // One rollback, of the batch: no post was tried again alone.
        assertThat(transactions.rolledBack).isEqualTo(1);
        assertThat(transactions.stored("a")).isFalse();
    }

    /** A post that holds the writer thread until {@code release}: the posts sent meanwhile wait, to be one batch. */
    private Future<String> holdingTheWriter(CountDownLatch release) throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        Future<String> first = posters.submit(() -> post(groupCommit, () -> {
            writing.countDown();
            await(release);
            transactions.did("first");
            return "first";
        }));
        writing.await(5, TimeUnit.SECONDS);
        return first;
    }

    /** Posts that wait for the writer, in this order, each doing its name as its work. */
    private List<Future<String>> waitingPosts(String... names) {
        List<Future<String>> waiting = new ArrayList<>();
        for (String name : names) {
            int before = groupCommit.waiting();
            waiting.add(posters.submit(() -> post(groupCommit, () -> {
                transactions.did(name);
                return name;
            })));
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == before + 1);
        }
        return waiting;
    }

    /** A post through the group commit, which looks its work up among the committed ones after a failed commit. */
    private String post(GroupCommit commit, Supplier<String> work) {
        return commit.write(work, transactions::stored);
    }

    /** What SQLite reports when a write finds no room. */
    private static SQLiteException diskFull() {
        return new SQLiteException(
                "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)",
                SQLiteErrorCode.SQLITE_FULL);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unwrap(Future<String> future) throws Throwable {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        }
    }
}
