package dev.parley.search;

import dev.parley.base.NodeName;
import dev.parley.search.internal.MessageFields;
import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.outboxpolling.OutboxPollingExtension;
import org.hibernate.search.mapper.orm.outboxpolling.mapping.OutboxPollingSearchMapping;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the message index in OpenSearch once for the whole cluster, on one node, and tells every node whether search
 * can answer. The build's state is one row of the database ({@code search_index_build}): a build is requested when a
 * node finds the index missing at start-up, when the mapping version changed, or from the Administration page; one node
 * claims it (a conditional update), builds with Hibernate Search's mass indexer and writes its progress and a heartbeat
 * there; every node polls the row, and search answers 503 ("being built") on all of them until it is ready. A build
 * whose node stopped beating (killed mid-build) is claimed again by another node and started over.
 *
 * <p>Between builds the index needs no catch-up: Hibernate Search's outbox keeps every change in the database until a
 * node has indexed it, so none is lost when a node dies between its commit and the indexing.
 */
@Component
@Conditional(IndexLocation.InOpenSearch.class)
class SharedIndexBuild implements IndexBuilder {

    private static final String LOCATION = "OpenSearch";

    private static final Logger log = LoggerFactory.getLogger(SharedIndexBuild.class);

    /** How often each node reads the build's state, and the building node beats its heart. */
    static final Duration POLL = Duration.ofSeconds(2);

    /** A build whose heartbeat is older than this is taken as abandoned, and claimed again. */
    static final Duration ABANDONED = Duration.ofSeconds(30);

    /** How long after a failed build it is tried again. */
    static final Duration RETRY = Duration.ofMinutes(1);

    /** The state of the cluster's index build, as the database holds it. */
    enum State {
        REQUESTED,
        BUILDING,
        READY,
        FAILED
    }

    private record Row(
            State state,
            int mapping,
            @Nullable String node,
            long total,
            long indexed,
            @Nullable Long startedAt,
            @Nullable Long heartbeatAt,
            @Nullable Long finishedAt,
            @Nullable String failure) {

        IndexStatus status() {
            return new IndexStatus(
                    switch (state) {
                        case READY -> IndexStatus.State.READY;
                        case REQUESTED, BUILDING -> IndexStatus.State.BUILDING;
                        case FAILED -> IndexStatus.State.FAILED;
                    },
                    LOCATION,
                    node,
                    total,
                    indexed,
                    startedAt == null ? null : Instant.ofEpochMilli(startedAt),
                    finishedAt == null ? null : Instant.ofEpochMilli(finishedAt),
                    failure);
        }
    }

    private final SearchIndex index;
    private final IndexRebuild rebuild;
    private final EntityManagerFactory entityManagerFactory;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String node;
    private final String indexName;

    /** OpenSearch (the first address given), asked whether the index exists. */
    private final URI opensearch;

    private final @Nullable String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService worker;

    /** This node's build under way, as far as it is; read by the worker for the heartbeat. */
    private final IndexRebuild.Progress progress = new IndexRebuild.Progress();

    private final AtomicLong builds = new AtomicLong();

    // Read and written on the worker thread only.
    private boolean building;

    /** Whether this node has looked for the index in OpenSearch since it started (it may not have answered then). */
    private boolean indexChecked;

    SharedIndexBuild(
            SearchIndex index,
            IndexRebuild rebuild,
            EntityManagerFactory entityManagerFactory,
            JdbcTemplate jdbc,
            Clock clock,
            NodeName node,
            SearchProperties properties) {
        this.index = index;
        this.rebuild = rebuild;
        this.entityManagerFactory = entityManagerFactory;
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.name();
        SearchProperties.OpenSearch settings = properties.opensearch();
        this.indexName = settings.index();
        this.opensearch =
                URI.create(Objects.requireNonNull(settings.url()).split(",")[0].strip());
        this.authorization = settings.username() == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((settings.username() + ":"
                                                + Objects.requireNonNullElse(settings.password(), ""))
                                        .getBytes(StandardCharsets.UTF_8));
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-search-build");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks the index once the node is up, then polls the build's state. */
    @EventListener(ApplicationReadyEvent.class)
    void start() throws InterruptedException {
        try {
            worker.submit(this::startUp).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not start the search index", e.getCause());
        }
        worker.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The state of the cluster's build, its progress as the building node last wrote it (each poll). */
    @Override
    public IndexStatus status() {
        return read().map(Row::status)
                .orElse(new IndexStatus(IndexStatus.State.BUILDING, LOCATION, null, 0, 0, null, null, null));
    }

    /** How many builds this node has run since it started. */
    long builds() {
        return builds.get();
    }

    /**
     * Asks for the whole index to be built again (from the Administration page); a node claims the build within a poll.
     * Nothing happens while a build is under way.
     */
    @Override
    public void requestRebuild() {
        request();
        pollNow();
    }

    /** Asks for a build, unless one is asked for or under way; whether this asked. */
    private boolean request() {
        return jdbc.update("UPDATE search_index_build SET state = 'REQUESTED' WHERE id = 1 AND state IN ('READY',"
                        + " 'FAILED')")
                == 1;
    }

    /** Reads the build's state now rather than at the next poll: for tests, and after a request. */
    void pollNow() {
        try {
            worker.submit(this::poll).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the search index's build", e.getCause());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }

    /** The first look, then each poll until OpenSearch has answered it. */
    private void startUp() {
        jdbc.update(
                "INSERT INTO search_index_build (id, state, mapping) VALUES (1, 'REQUESTED', ?) ON CONFLICT (id) DO"
                        + " NOTHING",
                MessageFields.MAPPING_VERSION);
        checkIndex();
        poll();
    }

    /**
     * A missing index (a new OpenSearch, or one whose index was deleted) is requested for building again, whatever the
     * database says of it. While OpenSearch does not answer, the next poll asks again.
     */
    private void checkIndex() {
        Optional<Boolean> exists = indexExists();
        if (exists.isEmpty()) {
            return;
        }
        indexChecked = true;
        if (!exists.get() && request()) {
            log.info("Search index {} is missing in OpenSearch: building it", indexName);
        }
    }

    /**
     * Whether OpenSearch has the index (its write alias, which Hibernate Search creates with it); empty when OpenSearch
     * does not answer.
     */
    private Optional<Boolean> indexExists() {
        HttpRequest.Builder head = HttpRequest.newBuilder(opensearch.resolve("/" + indexName + "-write"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            head.header("Authorization", authorization);
        }
        try {
            int status = http.send(head.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 200 || status == 404) {
                return Optional.of(status == 200);
            }
            log.warn("OpenSearch did not say whether index {} exists: HTTP {}", indexName, status);
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot reach OpenSearch to check index {}: {}", indexName, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Changes whose indexing failed for longer than Hibernate Search retries them (OpenSearch out of reach for a while)
     * are left in the outbox as aborted; once OpenSearch answers again they are indexed after all.
     */
    private void reprocessAbortedChanges() {
        OutboxPollingSearchMapping outbox =
                Search.mapping(entityManagerFactory).extension(OutboxPollingExtension.get());
        if (outbox.countAbortedEvents() > 0 && indexExists().orElse(false)) {
            int again = outbox.reprocessAbortedEvents();
            log.info(
                    "Search index: {} changes whose indexing failed while OpenSearch was out of reach are indexed"
                            + " now",
                    again);
        }
    }

    private void poll() {
        try {
            Optional<Row> read = read();
            if (read.isEmpty()) {
                startUp();
                return;
            }
            if (!indexChecked) {
                checkIndex();
                read = read();
            }
            Row row = read.orElseThrow();
            long now = clock.millis();
            switch (row.state()) {
                case READY -> {
                    if (row.mapping() == MessageFields.MAPPING_VERSION) {
                        index.markReady();
                        reprocessAbortedChanges();
                    } else if (claim(row)) {
                        log.info(
                                "Search index was built for mapping version {}, this node has {}: building it again",
                                row.mapping(),
                                MessageFields.MAPPING_VERSION);
                        build();
                    } else {
                        index.markBuilding();
                    }
                }
                case REQUESTED -> {
                    index.markBuilding();
                    if (claim(row)) {
                        build();
                    }
                }
                case BUILDING -> {
                    if (building && node.equals(row.node())) {
                        beat();
                    } else if (row.heartbeatAt() == null || now - row.heartbeatAt() > ABANDONED.toMillis()) {
                        index.markBuilding();
                        if (claim(row)) {
                            log.warn(
                                    "Search index build on {} stopped beating {} s ago: building it here",
                                    row.node(),
                                    row.heartbeatAt() == null ? "?" : (now - row.heartbeatAt()) / 1000);
                            build();
                        }
                    } else {
                        index.markBuilding();
                    }
                }
                case FAILED -> {
                    index.markFailed();
                    if (row.finishedAt() == null || now - row.finishedAt() > RETRY.toMillis()) {
                        if (claim(row)) {
                            build();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Cannot read or update the search index's build; trying again in {} s", POLL.toSeconds(), e);
        }
    }

    private Optional<Row> read() {
        List<Row> rows = jdbc.query(
                "SELECT state, mapping, node, total, indexed, started_at, heartbeat_at, finished_at, failure"
                        + " FROM search_index_build WHERE id = 1",
                (result, number) -> new Row(
                        State.valueOf(result.getString("state")),
                        result.getInt("mapping"),
                        result.getString("node"),
                        result.getLong("total"),
                        result.getLong("indexed"),
                        result.getObject("started_at", Long.class),
                        result.getObject("heartbeat_at", Long.class),
                        result.getObject("finished_at", Long.class),
                        result.getString("failure")));
        return rows.stream().findFirst();
    }

    /** Takes the build for this node, if the row is still as read: of all nodes that try, one gets it. */
    private boolean claim(Row seen) {
        if (building) {
            return false;
        }
        long now = clock.millis();
        return jdbc.update(
                        "UPDATE search_index_build SET state = 'BUILDING', mapping = ?, node = ?, total = 0, indexed ="
                                + " 0, started_at = ?, heartbeat_at = ?, finished_at = NULL, failure = NULL WHERE id ="
                                + " 1 AND state = ? AND heartbeat_at IS NOT DISTINCT FROM ?",
                        MessageFields.MAPPING_VERSION,
                        node,
                        now,
                        now,
                        seen.state().name(),
                        seen.heartbeatAt())
                == 1;
    }

    private void beat() {
        int updated = jdbc.update(
                "UPDATE search_index_build SET heartbeat_at = ?, total = ?, indexed = ? WHERE id = 1 AND state ="
                        + " 'BUILDING' AND node = ?",
                clock.millis(),
                progress.total(),
                progress.indexed(),
                node);
        if (updated == 0) {
            log.warn("Search index build: another node has taken it over; this node's build is left to finish unused");
        }
    }

    private void build() {
        building = true;
        builds.incrementAndGet();
        index.markBuilding();
        CompletableFuture<?> done;
        try {
            done = rebuild.start(progress).toCompletableFuture();
        } catch (RuntimeException e) {
            built(e);
            return;
        }
        done.whenComplete((result, failure) -> {
            try {
                worker.execute(() -> built(failure));
            } catch (RejectedExecutionException e) {
                // Stopping: the heartbeat stops too, and another node (or this one's next start) builds it again.
                log.info("Search index: stopped before the build was recorded; it is built again");
            }
        });
    }

    private void built(@Nullable Throwable failure) {
        building = false;
        long now = clock.millis();
        if (failure == null) {
            int recorded = jdbc.update(
                    "UPDATE search_index_build SET state = 'READY', total = ?, indexed = ?, heartbeat_at = ?,"
                            + " finished_at = ? WHERE id = 1 AND state = 'BUILDING' AND node = ?",
                    progress.total(),
                    progress.indexed(),
                    now,
                    now,
                    node);
            if (recorded == 1) {
                index.markReady();
            }
            return;
        }
        log.error("Building the search index failed; it is tried again in {} s", RETRY.toSeconds(), failure);
        String reason = String.valueOf(failure.getMessage());
        jdbc.update(
                "UPDATE search_index_build SET state = 'FAILED', finished_at = ?, failure = ? WHERE id = 1 AND state ="
                        + " 'BUILDING' AND node = ?",
                now,
                reason.length() > 500 ? reason.substring(0, 500) : reason,
                node);
        index.markFailed();
    }
}
