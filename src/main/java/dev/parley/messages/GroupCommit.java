package dev.parley.messages;

import dev.parley.base.StorageFullException;
import dev.parley.base.StorageStatus;
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
import java.util.function.Predicate;
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
 * <p>A post that fails its own checks (a mute or removal that landed after them, a file that is no longer pending)
 * would roll back the others in its batch with it, so then every post of the batch is written again in a transaction of
 * its own: only the one that fails is refused, with its own exception. Nothing of a rolled-back batch is seen: its
 * events are published after a commit only.
 *
 * <p>A failure of the storage is never retried, and a post is acknowledged exactly when it is stored
 * (docs/design-decisions/2026-12-07-full-disk.md). A commit that reports a failure may still have stored the batch, so
 * then each post whose writes were done is looked up anew: found, it is acknowledged; missing, it is refused. A batch
 * refused for lack of space is refused whole with {@link StorageFullException}, and the next batch tries again: writing
 * resumes by itself once space is freed.
 */
@Component
class GroupCommit implements DisposableBean {

    /** The most posts written in one transaction. */
    static final int MAX_BATCH = 64;

    /** What a post refused for lack of space answers. */
    static final String NOT_STORED = "Storage is full: the message was not stored";

    /** How long shutdown waits for the posts queued before it to be written. */
    private static final Duration DRAIN_AT_SHUTDOWN = Duration.ofSeconds(10);

    /** Queued at shutdown: the writer writes every post queued before it, refuses those after it, and ends. */
    private static final Pending<String> END = new Pending<>(() -> "end", written -> true);

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate write;
    /** Runs after each post of a batch, in its transaction: the post's writes go out, its entities are let go. */
    private final Runnable betweenPosts;

    private final StorageStatus storage;

    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();

    /** The writer thread, on SQLite; null on the databases with concurrent writers. */
    private final @Nullable Thread writer;

    /** Set by the writer thread when it has ended: nothing takes a post queued after that. */
    private volatile boolean stopped;

    /**
     * @param entityManager the transaction's persistence context: after each post of a batch it is flushed and cleared,
     *     so that the next post's statements, which flush first, do not check every entity of the posts before it (a
     *     batch of k posts cost ~k² entity checks; Flight Recorder of the sustained load showed the writer thread
     *     spending a seventh of its time in those flushes). Clearing keeps what Hibernate Search took from the flushed
     *     entities.
     * @param database {@code parley.database}, which follows from the datasource URL ({@code base.DatabaseChoice}):
     *     {@code sqlite} (the default), {@code h2} or {@code postgresql}
     */
    @Autowired
    GroupCommit(
            PlatformTransactionManager transactions,
            EntityManager entityManager,
            StorageStatus storage,
            @Value("${parley.database:sqlite}") String database) {
        this(transactions, database, storage, () -> {
            entityManager.flush();
            entityManager.clear();
        });
    }

    GroupCommit(
            PlatformTransactionManager transactions, String database, StorageStatus storage, Runnable betweenPosts) {
        this.write = new TransactionTemplate(transactions);
        this.betweenPosts = betweenPosts;
        this.storage = storage;
        this.writer = database.equalsIgnoreCase("sqlite")
                ? Thread.ofPlatform().name("parley-post-writer").daemon().start(this::run)
                : null;
    }

    /**
     * Runs {@code work} in a write transaction and returns its result once that transaction has committed: on SQLite on
     * the writer thread, with whatever other work is waiting; otherwise here. Inside a caller's transaction it runs in
     * that transaction, whose commit is the caller's.
     *
     * @param stored whether the writes of a result are in the database, read anew: asked only when the commit of a
     *     transaction in which {@code work} completed failed, which may or may not have stored them
     * @throws RuntimeException what {@code work} threw, when it failed in a transaction of its own
     * @throws StorageFullException when the disk or the database is full; nothing of the post is stored
     * @throws UnavailableException when Parley is shutting down
     */
    <T> T write(Supplier<T> work, Predicate<? super T> stored) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return Objects.requireNonNull(write.execute(status -> work.get()));
        }
        Pending<T> pending = new Pending<>(work, stored);
        if (writer == null) {
            writeAlone(pending);
        } else {
            queue.add(pending);
            if (stopped) {
                // Nothing takes it any more. A post the writer took before it ended has its outcome already, which
                // stays.
                pending.result.completeExceptionally(shuttingDown());
            }
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
            if (batch.isEmpty()) {
                continue; // the end was all there was
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
        if (batch.size() == 1) {
            writeAlone(batch.getFirst());
            return;
        }
        batch.forEach(Pending::reset);
        try {
            write.executeWithoutResult(status -> {
                for (Pending<?> pending : batch) {
                    pending.run();
                    betweenPosts.run();
                }
            });
        } catch (RuntimeException failed) {
            RuntimeException refusal = batch.stream()
                    .map(Pending::failure)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (refusal != null && !StorageStatus.isStorageFull(refusal)) {
                // A post refused by its own checks rolled the batch back before its commit, so nothing of it is
                // stored: each is written again on its own, and only that one is refused.
                batch.forEach(this::writeAlone);
                return;
            }
            settle(batch, refusal == null ? failed : refusal);
            return;
        }
        // Before the posters hear of it: whoever is told "stored" finds the disk no longer called full.
        storage.stored();
        batch.forEach(Pending::succeed);
    }

    private void writeAlone(Pending<?> pending) {
        pending.reset();
        try {
            write.executeWithoutResult(status -> pending.run());
        } catch (RuntimeException failed) {
            RuntimeException refusal = pending.failure();
            settle(List.of(pending), refusal == null ? failed : refusal);
            return;
        }
        storage.stored();
        pending.succeed();
    }

    /**
     * Gives each post of a failed transaction its outcome, without writing it again: a post whose writes were done is
     * acknowledged if they are in the database after all (the commit failed after storing them), and every other post
     * is refused with the failure, or {@link StorageFullException} when that was a lack of space.
     */
    private void settle(List<Pending<?>> batch, RuntimeException failure) {
        RuntimeException refusal = storage.refused(failure, NOT_STORED);
        boolean anyStored = false;
        for (Pending<?> pending : batch) {
            try {
                if (pending.storedAfterAll()) {
                    anyStored = true;
                    pending.succeed();
                } else {
                    pending.result.completeExceptionally(refusal);
                }
            } catch (RuntimeException lookup) {
                log.error("After a failed commit, could not read whether a post was stored", lookup);
                pending.result.completeExceptionally(new UnavailableException(
                        "The database failed while storing the message; it may or may not have been stored"));
            }
        }
        if (anyStored) {
            log.warn("A commit reported a failure but stored its posts; they are acknowledged", failure);
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

    /** One post's work, what it wrote in the current attempt and, once written or refused, its outcome. */
    private static final class Pending<T> {

        final Supplier<T> work;
        final Predicate<? super T> stored;
        final CompletableFuture<T> result = new CompletableFuture<>();
        /** The work's result in the current attempt, once it completed; its transaction may not have committed. */
        private @Nullable T written;
        /** What the work threw in the current attempt. */
        private @Nullable RuntimeException failure;

        Pending(Supplier<T> work, Predicate<? super T> stored) {
            this.work = work;
            this.stored = stored;
        }

        void reset() {
            written = null;
            failure = null;
        }

        /** Does the work in the caller's transaction, remembering its result or what it threw. */
        void run() {
            try {
                written = work.get();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Nullable
        RuntimeException failure() {
            return failure;
        }

        /** Whether the work completed and its writes are in the database, though its transaction failed. */
        boolean storedAfterAll() {
            T value = written;
            return value != null && stored.test(value);
        }

        void succeed() {
            result.complete(Objects.requireNonNull(written));
        }
    }
}
