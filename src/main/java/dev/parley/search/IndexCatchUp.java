package dev.parley.search;

import dev.parley.base.DataDirectory;
import dev.parley.base.NodeName;
import dev.parley.search.internal.CommittedIndex;
import dev.parley.search.internal.IndexWatermark;
import dev.parley.search.internal.MessageChange;
import dev.parley.search.internal.MessageFields;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded search index complete from the database. The index's {@link IndexWatermark} says, per room, up to
 * which version the committed index holds every message; at start-up, every catch-up interval and a second after a
 * failed index write, the messages changed since are read from the database and checked against the committed index,
 * those it lacks are indexed again, and the watermark moves up to the first one still missing. Search answers
 * meanwhile. The whole index is built only when it is missing, unreadable, or of another mapping version.
 *
 * <p>The watermark only ever moves over changes seen in the index as committed on disk (what a crash leaves), never
 * over one merely sent to it, so a change that did not reach the index stays above it until it has. Indexing a message
 * again is harmless, so a change not yet committed (posts are indexed a moment after their own commit) is indexed again
 * only once it has been missing for a whole interval, or at once after a failure or at start-up.
 */
@Component
@Conditional(IndexLocation.Embedded.class)
class IndexCatchUp implements IndexBuilder {

    private static final Logger log = LoggerFactory.getLogger(IndexCatchUp.class);

    private static final String LOCATION = "embedded";

    /**
     * How long after a reported failure the index is checked: Hibernate Search reports the writer's reset once it has
     * happened, so what it lost is already missing from the committed index.
     */
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    /** How long after a failed rebuild (a full disk, say) it is tried again. */
    private static final Duration REBUILD_RETRY = Duration.ofMinutes(1);

    /** Checks and indexing again in one go: a pass that indexes messages again is followed by one that checks them. */
    private static final int MAX_PASSES = 3;

    private final SearchIndex index;
    private final IndexRebuild rebuild;
    private final MessageChanges changes;
    private final SearchProperties properties;
    private final Path folder;
    private final ScheduledExecutorService worker;

    /** Whether the next check indexes again everything missing, not only what has been missing for an interval. */
    private final AtomicBoolean eager = new AtomicBoolean(true);

    private final AtomicBoolean checkPending = new AtomicBoolean();

    /**
     * A rebuild asked for that the worker has not taken up yet: the status says "being built" from the moment it is
     * asked for, so that the Administration page never shows the old build as if the request had been done.
     */
    private final AtomicBoolean rebuildRequested = new AtomicBoolean();

    private final String node;
    private final Clock clock;

    /** The last or current build, for the Administration page. */
    private volatile IndexStatus lastBuild;

    private final IndexRebuild.Progress progress = new IndexRebuild.Progress();
    private final AtomicLong reindexed = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean reindexing;

    // Read and written on the worker thread only.
    private @Nullable IndexWatermark watermark;
    private Map<Long, Long> previousVersions = Map.of();
    private boolean rebuilding;
    private long rebuildDueNanos;

    IndexCatchUp(
            SearchIndex index,
            IndexRebuild rebuild,
            MessageChanges changes,
            DataDirectory dataDirectory,
            IndexFailures failures,
            SearchProperties properties,
            NodeName node,
            Clock clock) {
        this.index = index;
        this.rebuild = rebuild;
        this.changes = changes;
        this.properties = properties;
        this.node = node.name();
        this.clock = clock;
        this.lastBuild = new IndexStatus(IndexStatus.State.READY, LOCATION, null, 0, 0, null, null, null);
        this.folder = dataDirectory.resolve(SearchIndex.FOLDER).resolve(MessageFields.INDEX);
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-search-catch-up");
            thread.setDaemon(true);
            return thread;
        });
        removeStampOfEarlierVersions(dataDirectory.resolve(SearchIndex.FOLDER));
        this.watermark = IndexWatermark.read(folder)
                .filter(known -> known.mapping() == MessageFields.MAPPING_VERSION)
                .orElse(null);
        // An index of known content answers searches from the start, while what it lacks is indexed again.
        if (watermark != null) {
            index.markReady();
        }
        failures.whenFailed(this::afterFailure);
    }

    /**
     * Checks the index (or starts building it) once the application is up, then every catch-up interval. What to do is
     * decided before the application is reported ready, so that an empty database's index is ready by then.
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() throws InterruptedException {
        try {
            worker.submit(this::startUp).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not start the search index", e.getCause());
        }
        long interval = properties.catchUpInterval().toMillis();
        worker.scheduleWithFixedDelay(this::scheduled, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the index now, indexing again everything it lacks, and waits for that: for tests, which cannot wait for an
     * interval.
     */
    void catchUpNow() throws InterruptedException, ExecutionException {
        Future<?> done = worker.submit(() -> {
            eager.set(true);
            check(false);
        });
        done.get();
    }

    @Override
    public IndexStatus status() {
        if (rebuildRequested.get()) {
            return new IndexStatus(IndexStatus.State.BUILDING, LOCATION, node, 0, 0, null, null, null);
        }
        IndexStatus build = lastBuild;
        IndexStatus.State state = index.ready()
                ? IndexStatus.State.READY
                : build.state() == IndexStatus.State.FAILED ? IndexStatus.State.FAILED : IndexStatus.State.BUILDING;
        return new IndexStatus(
                state,
                LOCATION,
                build.node(),
                progress.total(),
                progress.indexed(),
                build.startedAt(),
                build.finishedAt(),
                build.failure());
    }

    /** Builds the whole index again on the catch-up's thread, unless a build is under way. */
    @Override
    public void requestRebuild() {
        rebuildRequested.set(true);
        try {
            worker.execute(() -> {
                try {
                    if (!rebuilding) {
                        log.info("Search index: building it again, as asked");
                        rebuild();
                    }
                } finally {
                    // The build has started (or is done, or was already under way): its own state tells from now on.
                    rebuildRequested.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            rebuildRequested.set(false);
            throw e;
        }
    }

    /** How many messages have been indexed again since start-up (a rebuild not counted). */
    long reindexed() {
        return reindexed.get();
    }

    /** How many times the whole index has been built since start-up. */
    long rebuilds() {
        return rebuilds.get();
    }

    /** Stops checking; a check under way stops between two batches, and whatever it has not done is found next time. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("The search index catch-up did not stop within 10 s; stopping it");
            worker.shutdownNow();
        }
    }

    private void startUp() {
        IndexWatermark known = watermark;
        if (known != null && committedIndexMatches(known)) {
            worker.execute(() -> check(true));
        } else {
            rebuild();
        }
    }

    /** Whether the committed index can be read and is the one the watermark was written for. */
    private boolean committedIndexMatches(IndexWatermark known) {
        try (CommittedIndex committed = CommittedIndex.open(folder)) {
            if (committed.documents() == 0 && known.documents() > 0) {
                log.warn("Search index at {} is empty but was not: building it again", folder);
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("Search index at {} cannot be read: building it again", folder, e);
            return false;
        }
    }

    private void scheduled() {
        if (rebuilding) {
            return;
        }
        if (watermark == null) {
            if (System.nanoTime() - rebuildDueNanos >= 0) {
                rebuild();
            }
            return;
        }
        check(false);
    }

    private void afterFailure() {
        eager.set(true);
        // A failure of the catch-up's own writes (the disk still full) waits for the next interval, not a second.
        if (stopping || reindexing || !checkPending.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.schedule(
                    () -> {
                        checkPending.set(false);
                        scheduled();
                    },
                    AFTER_FAILURE.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping: the next start-up checks the index anyway.
            checkPending.set(false);
        }
    }

    /**
     * One check: passes over everything changed since the watermark until nothing was indexed again (or a few passes).
     * A failure is logged and the check runs again at the next interval, indexing again everything still missing. The
     * check at start-up is always logged, later ones only when they indexed something again.
     */
    private void check(boolean atStartUp) {
        if (rebuilding || watermark == null) {
            return;
        }
        boolean all = eager.getAndSet(false);
        long started = System.nanoTime();
        try {
            Map<Long, Long> latest = changes.roomVersions();
            IndexWatermark known = current();
            if (aheadOfDatabase(known, latest)) {
                return;
            }
            if (known.reaches(latest)) {
                // Nothing changed since the last check: the index is not even opened.
                previousVersions = latest;
                if (atStartUp) {
                    log.info("Search index is up to date with the database");
                }
                return;
            }
            Map<Long, Long> indexable = all ? latest : previousVersions;
            long checked = 0;
            long indexedAgain = 0;
            for (int pass = 0; pass < MAX_PASSES && !stopping; pass++) {
                Pass done = pass(latest, indexable);
                if (pass == 0) {
                    // Later passes read again from the first change found missing: the first says how many changed.
                    checked = done.checked();
                }
                indexedAgain += done.reindexed();
                if (done.reindexed() == 0) {
                    break;
                }
            }
            previousVersions = latest;
            if (indexedAgain > 0 || atStartUp) {
                log.info(
                        "Search index caught up: {} messages indexed again of {} changed since it was last checked,"
                                + " in {} ms",
                        indexedAgain,
                        checked,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
        } catch (IOException | RuntimeException e) {
            eager.set(true);
            log.warn(
                    "Search index catch-up failed; it runs again in {} ms",
                    properties.catchUpInterval().toMillis(),
                    e);
        }
    }

    private record Pass(long checked, long reindexed) {}

    /**
     * Whether the watermark names a room version the database has not reached, as after a restore of an older copy of
     * the database beside a newer index: it is then not this database's, its changes below the watermark would never be
     * checked, and the index is built anew.
     */
    private boolean aheadOfDatabase(IndexWatermark known, Map<Long, Long> latest) {
        Optional<Long> room = known.roomAheadOf(latest);
        if (room.isEmpty()) {
            return false;
        }
        log.warn(
                "Search index: room {} is at version {} in the database but {} in the index: building it again",
                room.get(),
                latest.get(room.get()),
                known.of(room.get()));
        rebuild();
        return true;
    }

    /**
     * Reads each room's messages changed since the watermark (up to the room's version read at the start of the check,
     * all of whose changes have committed), in batches in version order, and looks each up in the committed index. A
     * room's watermark moves up to the last change before the first one missing; the missing ones whose version is at
     * most {@code indexable}'s are indexed again. Messages of rooms that are gone are purged.
     */
    private Pass pass(Map<Long, Long> latest, Map<Long, Long> indexable) throws IOException {
        IndexWatermark known = current();
        Map<Long, Long> marks = new HashMap<>(known.rooms());
        List<Long> missing = new ArrayList<>();
        long checked = 0;
        long indexedAgain = 0;
        int batch = properties.catchUpBatch();
        int documents;
        try (CommittedIndex committed = CommittedIndex.open(folder)) {
            for (Map.Entry<Long, Long> room : latest.entrySet()) {
                long last = room.getValue();
                long mark = known.of(room.getKey());
                long mayIndexUpTo = indexable.getOrDefault(room.getKey(), 0L);
                boolean complete = true;
                long after = mark;
                while (after < last && !stopping) {
                    List<MessageChange> changed = changes.changed(room.getKey(), after, last, batch);
                    Map<Long, Long> held = committed.versions(
                            changed.stream().map(MessageChange::id).toList());
                    for (MessageChange change : changed) {
                        Long version = held.get(change.id());
                        boolean current =
                                change.deleted() ? version == null : version != null && version >= change.version();
                        if (current && complete) {
                            mark = change.version();
                        } else if (!current) {
                            complete = false;
                            if (change.version() <= mayIndexUpTo) {
                                missing.add(change.id());
                            }
                        }
                    }
                    checked += changed.size();
                    if (missing.size() >= batch) {
                        indexedAgain += reindex(missing);
                        missing.clear();
                    }
                    // Versions with no message (superseded by a later change) need no document: the last batch ends
                    // the room.
                    after = changed.size() < batch ? last : changed.getLast().version();
                }
                if (complete && after >= last) {
                    mark = last;
                }
                marks.put(room.getKey(), mark);
            }
            for (Long room : known.rooms().keySet()) {
                if (!latest.containsKey(room)) {
                    List<Long> left = committed.messagesOf(room, batch);
                    if (left.isEmpty()) {
                        marks.remove(room);
                    } else {
                        missing.addAll(left);
                    }
                }
            }
            documents = committed.documents();
        }
        if (!missing.isEmpty()) {
            indexedAgain += reindex(missing);
        }
        if (indexedAgain > 0) {
            changes.commit();
        }
        IndexWatermark next = new IndexWatermark(MessageFields.MAPPING_VERSION, documents, marks);
        if (!next.equals(known)) {
            save(next);
        }
        return new Pass(checked, indexedAgain);
    }

    /** Indexes these messages again, and counts them. */
    private int reindex(List<Long> ids) {
        reindexing = true;
        try {
            changes.indexAgain(ids);
        } finally {
            reindexing = false;
        }
        reindexed.addAndGet(ids.size());
        return ids.size();
    }

    private IndexWatermark current() {
        IndexWatermark known = watermark;
        if (known == null) {
            throw new IllegalStateException("No watermark: the index is being built");
        }
        return known;
    }

    private void save(IndexWatermark next) throws IOException {
        next.write(folder);
        watermark = next;
    }

    /**
     * Builds the whole index in the background ({@link IndexRebuild}); search answers "being built" meanwhile. The
     * rooms' versions are read first, so every change after them is checked against the new index by the next catch-up,
     * whether the rebuild or the change's own indexing wrote it last.
     */
    private void rebuild() {
        index.markBuilding();
        rebuilding = true;
        watermark = null;
        rebuilds.incrementAndGet();
        lastBuild = new IndexStatus(IndexStatus.State.BUILDING, LOCATION, node, 0, 0, clock.instant(), null, null);
        Map<Long, Long> versions;
        CompletableFuture<?> done;
        try {
            IndexWatermark.delete(folder);
            versions = changes.roomVersions();
            done = rebuild.start(progress).toCompletableFuture();
        } catch (IOException | RuntimeException e) {
            rebuilt(Map.of(), e);
            return;
        }
        if (done.isDone()) {
            // An empty database: ready before the application is reported ready, as searches may come at once.
            rebuilt(versions, done.isCompletedExceptionally() ? done.exceptionNow() : null);
            return;
        }
        done.whenComplete((result, failure) -> {
            try {
                worker.execute(() -> rebuilt(versions, failure));
            } catch (RejectedExecutionException e) {
                // Stopping: without a watermark the next start-up builds the index again.
                log.info("Search index: stopped before the rebuild was recorded; the next start-up builds it");
            }
        });
    }

    private void rebuilt(Map<Long, Long> versions, @Nullable Throwable failure) {
        rebuilding = false;
        if (failure == null) {
            try (CommittedIndex committed = CommittedIndex.open(folder)) {
                save(new IndexWatermark(MessageFields.MAPPING_VERSION, committed.documents(), versions));
                // The rebuild read everything up to these versions; later changes get their interval to commit.
                previousVersions = versions;
                eager.set(false);
                index.markReady();
                lastBuild = finished(null);
                return;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        log.error(
                "Building the search index failed; search stays unavailable, and building is tried again in {} s",
                REBUILD_RETRY.toSeconds(),
                failure);
        index.markFailed();
        lastBuild = finished(String.valueOf(failure.getMessage()));
        rebuildDueNanos = System.nanoTime() + REBUILD_RETRY.toNanos();
    }

    private IndexStatus finished(@Nullable String failure) {
        IndexStatus build = lastBuild;
        return new IndexStatus(
                failure == null ? IndexStatus.State.READY : IndexStatus.State.FAILED,
                LOCATION,
                build.node(),
                progress.total(),
                progress.indexed(),
                build.startedAt(),
                clock.instant(),
                failure);
    }

    /** The stamp file of the index before the watermark (2026-11-21 to 2026-12-07), which nothing reads any more. */
    private static void removeStampOfEarlierVersions(Path indexRoot) {
        try {
            Files.deleteIfExists(indexRoot.resolve("parley-index.version"));
        } catch (IOException e) {
            log.warn("Cannot remove the old search index stamp in {}", indexRoot, e);
        }
    }
}
