package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.base.NotAllowedException;
import dev.parley.base.UnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

class GroupCommitTest {

    /** Records what each transaction did: the work of a committed one, and how many rolled back. */
    private static final class RecordingTransactions extends AbstractPlatformTransactionManager {

        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        volatile int rolledBack;
        private List<String> current = new ArrayList<>();

        void did(String work) {
            current.add(work);
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
            committed.add(List.copyOf(current));
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack++;
        }
    }

    private final RecordingTransactions transactions = new RecordingTransactions();
    private final GroupCommit groupCommit = new GroupCommit(transactions, "sqlite", () -> transactions.did("between"));
    private final ExecutorService posters = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        posters.shutdownNow();
        groupCommit.destroy();
    }

    @Test
    void posts_waiting_for_the_writer_are_written_in_one_transaction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = firstPostHoldingTheWriter(release);
        List<Future<String>> waiting = queuePosts("a", "b", "c");
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
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = posters.submit(() -> groupCommit.write(() -> {
            writing.countDown();
            await(release);
            return "first";
        }));
        writing.await(5, TimeUnit.SECONDS);
        Future<String> before = posters.submit(() -> groupCommit.write(() -> {
            transactions.did("before");
            return "before";
        }));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 1);
        Future<String> refused = posters.submit(() -> groupCommit.write(() -> {
            throw new NotAllowedException("You are muted in this room");
        }));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 2);
        Future<String> after = posters.submit(() -> groupCommit.write(() -> {
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
        GroupCommit inline = new GroupCommit(transactions, "postgresql", () -> transactions.did("between"));
        try {
            Future<String> post = posters.submit(() -> inline.write(() -> {
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
        Future<String> first = firstPostHoldingTheWriter(release);
        List<Future<String>> queued = queuePosts("a", "b", "c");
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> shutdown = stopping.submit(() -> {
                groupCommit.destroy();
                return null;
            });
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == 4);
            Future<String> late = stopping.submit(() -> groupCommit.write(() -> {
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

        assertThatThrownBy(() -> groupCommit.write(() -> "late"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("shutting down");
    }

    /** Posts "first", whose work waits for {@code release}; returns once the writer thread is writing it. */
    private Future<String> firstPostHoldingTheWriter(CountDownLatch release) throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        Future<String> first = posters.submit(() -> groupCommit.write(() -> {
            writing.countDown();
            await(release);
            transactions.did("first");
            return "first";
        }));
        writing.await(5, TimeUnit.SECONDS);
        return first;
    }

    /** Posts one message per name, each noting its name as its work; returns once they all wait for the writer. */
    private List<Future<String>> queuePosts(String... names) {
        List<Future<String>> queued = new ArrayList<>();
        for (String name : names) {
            queued.add(posters.submit(() -> groupCommit.write(() -> {
                transactions.did(name);
                return name;
            })));
        }
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> groupCommit.waiting() == names.length);
        return queued;
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
