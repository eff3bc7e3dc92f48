package dev.parley.messages;

import dev.parley.base.UnavailableException;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes of posts. On SQLite they are done by one thread: every post waiting when it comes round is written in one
 * transaction, so SQLite's one writer changes hands once per batch instead of once per post. H2 and PostgreSQL let
 * posts to different rooms write at once, so there each post writes in a transaction of its own, on its own thread; so
 * does a post inside a caller's transaction, which may hold the writer already.
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
class GroupCommit implements DisposableBean {

    /** The most posts written in one transaction. */
    static final int MAX_BATCH = 64;

    /** How long shutdown waits for the posts queued before it to be written. */
    private static final Duration DRAIN_AT_SHUTDOWN = Duration.ofSeconds(10);

    /** Queued at shutdown: the writer writes every post queued before it, refuses those after it, and ends. */
    private static final Pending<String> END = new Pending<>(() -> "end");

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate write;
    /** Runs after each post of a batch, in its transaction: the post's writes go out, its entities are let go. */
    private final Runnable betweenPosts;

    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();

    /** The writer thread, on SQLite; null on the databases with concurrent writers. */
    private final @Nullable Thread writer;

    /** Set by the writer thread when it has ended: nothing takes a post queued after that. */
    private volatile boolean stopped;

    /**
     * @param entityManager the transaction's persistence context: after each post of a batch it is flushed and
     *     cleared, so that the next post's statements, which flush first, do not check every entity of the posts
     *     before it (a batch of k posts cost ~k² entity checks; Flight Recorder of the sustained load showed the
     *     writer thread spending a seventh of its time in those flushes). Clearing keeps what Hibernate Search took
     *     from the flushed entities.
     * @param database {@code parley.database}: {@code sqlite} (the default), {@code h2} or {@code postgresql}
     */
    @Autowired
    GroupCommit(
            PlatformTransactionManager transactions,
            EntityManager entityManager,
            @Value("${parley.database:sqlite}") String database) {
        this(transactions, database, () -> {
            entityManager.flush();
            entityManager.clear();
        });
    }

    GroupCommit(PlatformTransactionManager transactions, String database, Runnable betweenPosts) {
        this.write = new TransactionTemplate(transactions);
        this.betweenPosts = betweenPosts;
        this.writer = database.equalsIgnoreCase("sqlite")
                ? Thread.ofPlatform().name("parley-post-writer").daemon().start(this::run)
                : null;
    }

    /**
     * Runs {@code work} in a write transaction and returns its result once that transaction has committed: on SQLite
     * on the writer thread, with whatever other work is waiting; otherwise, or inside a caller's transaction, here.
     *
     * @throws RuntimeException what {@code work} threw, when it failed in a transaction of its own
     * @throws UnavailableException when Parley is shutting down
     */
    <T> T write(Supplier<T> work) {
        if (writer == null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return Objects.requireNonNull(write.execute(status -> work.get()));
        }
        Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        if (stopped) {
            // Nothing takes it any more. A post the writer took before it ended has its outcome already, which stays.
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
        List<Pending<?>> late = new ArrayList<>();
        boolean ending = false;
        while (!ending) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            int end = batch.indexOf(END);
            if (end >= 0) {
                ending = true;
                late.addAll(batch.subList(end + 1, batch.size()));
                batch.subList(end, batch.size()).clear();
            }
            try {
                writeBatch(batch);
            } catch (Throwable unexpected) { // a bug here must not stop every later post
                log.error("Writing a batch of posts failed", unexpected);
                batch.forEach(pending -> pending.result.completeExceptionally(unexpected));
            }
            batch.clear();
        }
        stopped = true;
        late.forEach(pending -> pending.result.completeExceptionally(shuttingDown()));
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(shuttingDown());
        }
    }

    private void writeBatch(List<Pending<?>> batch) {
        if (batch.size() > 1) {
            List<Object> results = new ArrayList<>(batch.size());
            try {
                write.executeWithoutResult(status -> {
                    for (Pending<?> pending : batch) {
                        results.add(pending.work.get());
                        betweenPosts.run();
                    }
                });
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

    /**
     * At shutdown, before the database closes: the posts already queued are written (their posters were told nothing
     * yet, and each may have been acknowledged a moment later), later ones are refused, and the writer thread ends.
     */
    @Override
    public void destroy() throws InterruptedException {
        if (writer == null || !writer.isAlive()) {
            return;
        }
        queue.add(END);
        writer.join(DRAIN_AT_SHUTDOWN.toMillis());
        if (writer.isAlive()) {
            // Stuck on the database: interrupted, so that its posters hear of it rather than the database closing.
            log.warn(
                    "Posts still queued after {} s of shutdown; interrupting the writer",
                    DRAIN_AT_SHUTDOWN.toSeconds());
            writer.interrupt();
            writer.join(1_000);
        }
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
