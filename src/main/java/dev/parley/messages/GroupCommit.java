package dev.parley.messages;

import dev.parley.base.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes of posts on SQLite, done by one thread: every post waiting when it comes round is written in one
 * transaction, so SQLite's one writer changes hands once per batch instead of once per post. (H2 and PostgreSQL let
 * posts to different rooms write at once, so there each post writes in its own transaction.)
 *
 * <p>Why: on a busy machine a thread woken to take the writer waits for a core before it can use it, and with one
 * transaction per post the writer spent more time being handed on than writing (Flight Recorder of the benchmark's
 * sustained load: a new holder every 12–14 ms, for writes of well under a millisecond). See
 * docs/design-decisions/2026-11-22-group-commit.md.
 *
 * <p>A post that fails (a mute or removal that landed after its checks, a file that is no longer pending) would roll
 * back the others in its batch with it, so then every post of the batch is written again in a transaction of its
 * own: only the one that fails is refused, with its own exception. Nothing of a rolled-back batch is seen: its events
 * are published after a commit only.
 */
@Component
@ConditionalOnProperty(name = "parley.database", havingValue = "sqlite", matchIfMissing = true)
class GroupCommit implements DisposableBean {

    /** The most posts written in one transaction. */
    static final int MAX_BATCH = 64;

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate write;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;

    GroupCommit(PlatformTransactionManager transactions) {
        this.write = new TransactionTemplate(transactions);
        this.writer = Thread.ofPlatform().name("parley-post-writer").daemon().start(this::run);
    }

    /**
     * Runs {@code work} in a write transaction on the writer thread, with whatever other work is waiting, and returns
     * its result once that transaction has committed.
     *
     * @throws RuntimeException what {@code work} threw, when it failed in a transaction of its own
     * @throws UnavailableException when Parley is shutting down
     */
    <T> T write(Supplier<T> work) {
        Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        if (stopped) {
            pending.result.completeExceptionally(shuttingDown());
        }
        try {
            return pending.result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Posting was interrupted; the message may or may not have been stored");
        }
    }

    /** How many posts wait for the writer thread; for tests and diagnostics. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!stopped) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                writeBatch(batch);
            } catch (Throwable unexpected) { // a bug here must not stop every later post
                log.error("Writing a batch of posts failed", unexpected);
                batch.forEach(pending -> pending.result.completeExceptionally(unexpected));
            }
            batch.clear();
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(shuttingDown());
        }
    }

    private void writeBatch(List<Pending<?>> batch) {
        if (batch.size() > 1) {
            List<Object> results = new ArrayList<>(batch.size());
            try {
                write.executeWithoutResult(status -> batch.forEach(pending -> results.add(pending.work.get())));
            } catch (RuntimeException failed) {
                // Every post of the batch rolled back with the one that failed: each is written again on its own.
                writeOneByOne(batch);
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(results.get(i));
            }
            return;
        }
        writeOneByOne(batch);
    }

    private void writeOneByOne(List<Pending<?>> batch) {
        for (Pending<?> pending : batch) {
            try {
                pending.complete(write.execute(status -> pending.work.get()));
            } catch (RuntimeException failure) {
                pending.result.completeExceptionally(failure);
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        writer.interrupt();
        writer.join(10_000);
    }

    private static UnavailableException shuttingDown() {
        return new UnavailableException("Parley is shutting down; the message was not stored");
    }

    /** One post's work and, once written or refused, its outcome. */
    private static final class Pending<T> {

        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Pending(Supplier<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((T) value);
        }
    }
}
