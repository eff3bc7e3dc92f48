package dev.parley.bench;

import dev.parley.PostgresTestDatabase;
import dev.parley.search.OpenSearchTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load harness. Starts the production jar (target/parley.jar) on a free port of 127.0.0.1, generates its data,
 * measures every row of the performance budget over Parley's real protocols, stops everything, prints one table and
 * writes it to docs/benchmarks.md (a {@code --quick} run writes target/bench/benchmarks-quick.md instead). Every loop
 * is bounded in count and time. Run it with {@code ./mvnw -Pbench verify} (add {@code -Dbench.args=--quick} for the
 * two-minute version, {@code --postgresql} for one node on PostgreSQL, {@code --cluster} for two nodes on PostgreSQL
 * and Redis).
 */
public final class Bench {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * The least a connected session can cost: a Vaadin session with one UI, its push connection and a room view of 50
     * messages (measured about 200 KB; an empty UI alone costs tens of KB). A figure below this is a measurement gone
     * wrong, not a session that cheap.
     */
    static final int LEAST_PLAUSIBLE_SESSION_KB = 20;

    /**
     * The Redis every machine of this project runs (shared/STACK.md); a cluster run's keys all expire by themselves.
     */
    private static final String REDIS = "redis://127.0.0.1:6379";

    /** What the servers run on, and where each kind of run writes its table. */
    enum Mode {
        /** One node on SQLite in its data folder: the default. */
        SQLITE("bench", "", Set.of("search", "history", "fanout", "sessions", "sustained")),
        /** One node on a PostgreSQL database made for the run. */
        POSTGRESQL("bench-postgresql", "-postgresql", SQLITE.phases),
        /** Two nodes on one PostgreSQL database made for the run, with the Redis of 127.0.0.1 between them. */
        CLUSTER("bench-cluster", "-cluster", Set.of("fanout", "sessions", "sustained")),
        /**
         * Two nodes as in a cluster, with their message index in one OpenSearch started for the run: the search rows
         * only.
         */
        OPENSEARCH("bench-opensearch", "-opensearch", Set.of("search"));

        /** The report's markers are {@code <!-- marker:start -->} and {@code <!-- marker:end -->}. */
        final String marker;

        final String fileSuffix;
        final Set<String> phases;

        Mode(String marker, String fileSuffix, Set<String> phases) {
            this.marker = marker;
            this.fileSuffix = fileSuffix;
            this.phases = phases;
        }

        static Mode of(List<String> flags) {
            if (Stream.of("--cluster", "--postgresql", "--opensearch")
                            .filter(flags::contains)
                            .count()
                    > 1) {
                throw new IllegalArgumentException(
                        "--cluster and --opensearch run on PostgreSQL already: give one of the three");
            }
            return flags.contains("--opensearch")
                    ? OPENSEARCH
                    : flags.contains("--cluster") ? CLUSTER : flags.contains("--postgresql") ? POSTGRESQL : SQLITE;
        }
    }

    record Config(
            Mode mode,
            boolean quick,
            int historyMessages,
            int heapSessions,
            int heldSessions,
            int bigFanout,
            int fanoutMessages,
            int sustainedUsers,
            int sustainedRate,
            Duration sustainedFor,
            Duration deadline,
            Set<String> only) {

        static Config of(Mode mode, boolean quick, Set<String> only) {
            Set<String> unknown = new HashSet<>(only);
            unknown.removeAll(mode.phases);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "--only names phases this run does not have: " + unknown + "; it has " + mode.phases);
            }
            // No cluster row reads the history room, and each node builds its own search index from the database at
            // its first start: a million messages would only make both nodes re-index for a minute first.
            int history = mode == Mode.CLUSTER ? 0 : quick ? 100_000 : 1_000_000;
            return quick
                    ? new Config(
                            mode,
                            true,
                            history,
                            100,
                            300,
                            300,
                            10,
                            60,
                            30,
                            Duration.ofSeconds(10),
                            Duration.ofMinutes(3),
                            only)
                    : new Config(
                            mode,
                            false,
                            history,
                            1000,
                            5000,
                            1000,
                            30,
                            200,
                            60,
                            Duration.ofSeconds(60),
                            Duration.ofMinutes(15),
                            only);
        }

        /** Whether {@code --only} leaves this phase in. */
        boolean runs(String phase) {
            return only.isEmpty() || only.contains(phase);
        }
    }

    /**
     * The arguments, each split at spaces: Maven passes {@code -Dbench.args="--cluster --quick"} as one. Anything else
     * than the known flags is refused, so that a mistyped flag does not make a full run of the wrong kind.
     */
    private static List<String> flags(String[] args) {
        List<String> flags = Stream.of(args)
                .flatMap(arg -> Stream.of(arg.trim().split("\\s+")))
                .filter(flag -> !flag.isEmpty() && !flag.equals("--full"))
                .toList();
        for (String flag : flags) {
            if (!List.of("--quick", "--postgresql", "--cluster", "--opensearch").contains(flag)
                    && !flag.startsWith("--only=")) {
                throw new IllegalArgumentException("Unknown argument " + flag
                        + "; known: --quick, --postgresql, --cluster, --opensearch, --only=a,b");
            }
        }
        return flags;
    }

    /** The phases to run, from {@code --only=search,history,fanout,sessions,sustained}; empty for all of them. */
    private static Set<String> only(List<String> flags) {
        return flags.stream()
                .filter(arg -> arg.startsWith("--only="))
                .flatMap(arg -> Stream.of(arg.substring("--only=".length()).split(",")))
                .map(String::trim)
                .filter(phase -> !phase.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    record Row(String scenario, String figure, String budget, boolean pass) {}

    /**
     * A node of the run: its data folder (uploads and the search index, which each node keeps for itself; on SQLite the
     * database too), its port on 127.0.0.1 and its log.
     */
    record Node(String name, Path dataDir, int port, Path log) {

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final Config config;
    private final Path jar;
    private final Path work;
    /** One node, or two in a cluster run. */
    private final List<Node> nodes;
    /** The PostgreSQL database made for the run, or null on SQLite. */
    private final @Nullable String database;
    /** A cluster name of this run's own, so that its Redis channel and keys are nobody else's. */
    private final String clusterName = "bench-" + Long.toString(System.nanoTime(), 36);

    private final HttpClient http = VaadinClient.newHttpClient();
    private final List<Row> rows = new ArrayList<>() {
        @Override
        public boolean add(Row row) {
            System.out.printf(
                    "%s: %s (%s) %s%n", row.scenario(), row.figure(), row.budget(), row.pass() ? "pass" : "FAIL");
            return super.add(row);
        }
    };
    private final AtomicLong markers = new AtomicLong();
    /**
     * When the run stops starting phases. It scales with the machine: the clock starts once the data is generated and
     * the AOT cache trained, and every server's start-up moves it on by as long as the start took, so a slower machine
     * (a start-up of 15 s instead of 5) gets the same time for the phases' own work.
     */
    private long deadlineNanos;

    private DataGenerator.Layout layout = new DataGenerator.Layout(List.of(), List.of(), "", "");
    /** Each generated user's place in {@link DataGenerator.Layout#users()}, which decides its room and its node. */
    private Map<String, Integer> positions = Map.of();
    /** The first node's address: where the single-node phases, and the harness's own requests, go. */
    private String baseUrl = "";
    /** The extracted jar with its AOT cache, once the training run has made it. */
    private ParleyServer.Launch aotLaunch;

    private Bench(Config config, Path jar, Path work, List<Node> nodes, @Nullable String database) {
        this.config = config;
        this.jar = jar;
        this.aotLaunch = ParleyServer.Launch.plain(jar);
        this.work = work;
        this.nodes = nodes;
        this.database = database;
        this.baseUrl = nodes.getFirst().baseUrl();
        this.deadlineNanos = System.nanoTime() + config.deadline().toNanos();
    }

    public static void main(String[] args) throws Exception {
        // The searchers' blocking requests keep one connection each alive (the JDK keeps 5 per server by default).
        System.setProperty("http.maxConnections", "32");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        List<String> flags = flags(args);
        boolean quick = flags.contains("--quick");
        Mode mode = Mode.of(flags);
        Config config = Config.of(mode, quick, only(flags));
        Path jar = Path.of("target", "parley.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No target/parley.jar: build it first (./mvnw -Pbench verify does)");
        }
        Path work = Path.of("target", "bench");
        deleteRecursively(work);
        Files.createDirectories(work);
        List<Node> nodes = mode == Mode.CLUSTER || mode == Mode.OPENSEARCH
                ? List.of(
                        new Node("node-1", work.resolve("node-1"), freePort(), work.resolve("server-node-1.log")),
                        new Node("node-2", work.resolve("node-2"), freePort(), work.resolve("server-node-2.log")))
                : List.of(new Node("node-1", work.resolve("data"), freePort(), work.resolve("server.log")));
        String command = "./mvnw -Pbench verify"
                + (flags.isEmpty()
                        ? ""
                        : flags.size() == 1
                                ? " -Dbench.args=" + flags.getFirst()
                                : " -Dbench.args=\"" + String.join(" ", flags) + "\"");
        // Made for the run and dropped at its end, whatever happened in between (its servers are stopped by then).
        String database = mode == Mode.SQLITE ? null : PostgresTestDatabase.create();
        Path report;
        try {
            Bench bench = new Bench(config, jar, work, nodes, database);
            long started = System.nanoTime();
            bench.run();
            String table = bench.table();
            System.out.println();
            System.out.println(table);
            // Only a full run of every phase rewrites the documented table (of its kind).
            report = quick
                    ? work.resolve("benchmarks" + mode.fileSuffix + "-quick.md")
                    : config.only().isEmpty()
                            ? Path.of("docs", "benchmarks.md")
                            : work.resolve("benchmarks" + mode.fileSuffix + "-only.md");
            writeReport(
                    report,
                    mode.marker,
                    bench.header(command, load, Duration.ofNanos(System.nanoTime() - started)) + table);
        } finally {
            if (database != null) {
                PostgresTestDatabase.drop(database);
                System.out.println("Dropped the run's database " + database);
            }
        }
        System.out.println("Written to " + report);
        System.exit(0);
    }

    private void run() throws Exception {
        Node first = nodes.getFirst();
        System.out.println("Extracting the jar and training its AOT cache; the training run creates the schema in "
                + (database == null ? first.dataDir() : "the database " + database));
        aotLaunch = ParleyServer.trainAotCache(
                jar, work.resolve("app"), first.dataDir().toAbsolutePath(), first.log(), databaseSettings());
        long generation = System.nanoTime();
        DataGenerator generator = new DataGenerator();
        layout = database == null
                ? generator.generate(first.dataDir(), config.heldSessions(), config.historyMessages())
                : generator.generatePostgres(
                        PostgresTestDatabase.SERVER + database,
                        "postgres",
                        config.heldSessions(),
                        config.historyMessages());
        Map<String, Integer> byUser = new HashMap<>();
        for (int i = 0; i < layout.users().size(); i++) {
            byUser.put(layout.users().get(i), i);
        }
        positions = Map.copyOf(byUser);
        System.out.printf(
                "Generated %d users and %,d history messages in %.1f s%n",
                config.heldSessions(), config.historyMessages(), (System.nanoTime() - generation) / 1e9);
        deadlineNanos = System.nanoTime() + config.deadline().toNanos();
        switch (config.mode()) {
            case CLUSTER -> runCluster();
            case OPENSEARCH -> runOpenSearch();
            case SQLITE, POSTGRESQL -> runSingleNode();
        }
    }

    private void runSingleNode() throws Exception {
        // First: the generated messages are not indexed yet, and the first start-up rebuilds the search index in the
        // background. This phase waits for it (re-index throughput) and stops the server cleanly, which stamps the
        // index, so that no later phase measures beside a rebuild.
        phase(List.of("search"), "search", () -> {
            try (ParleyServer server = startServer()) {
                ready(server);
                search(token(DataGenerator.SENDER));
            }
        });
        if (!config.runs("search")) {
            // Without the search phase, the index is still built first, unmeasured: a phase measured beside the
            // background rebuild would measure the rebuild (it takes a core and the reader pool for a minute).
            try (ParleyServer server = startServer()) {
                ready(server);
                awaitSearchIndex(baseUrl, token(DataGenerator.SENDER));
            }
        }
        phase(List.of("history", "fanout"), "start-up, history, fan-out and ceiling", () -> {
            if (config.runs("history")) {
                startup();
            }
            try (ParleyServer server = startServer()) {
                ready(server);
                String token = token(DataGenerator.SENDER);
                if (config.runs("history")) {
                    history(token);
                }
                if (config.runs("fanout")) {
                    fanout(token, layout.fanout100(), 100, "≤ 50 ms p99", 50, Double.MAX_VALUE);
                    double[] parley = fanout(
                            token, layout.fanout1000(), config.bigFanout(), "p50 ≤ 100 ms, p99 ≤ 250 ms", 250, 100);
                    ceiling(config.bigFanout(), parley);
                }
            }
        });
        phase(List.of("sessions"), "sessions", () -> {
            try (ParleyServer server = startServer()) {
                ready(server);
                sessions(server);
            }
        });
        phase(List.of("sustained"), "sustained load", () -> {
            try (ParleyServer server = startServer()) {
                ready(server);
                sustained(token(DataGenerator.SENDER));
            }
        });
    }

    /** The cluster's rows: every phase on both nodes at once, each started anew. */
    private void runCluster() {
        phase(List.of("fanout"), "fan-out over two nodes", () -> {
            try (Cluster cluster = startCluster()) {
                clusterFanout(cluster.token());
            }
        });
        phase(List.of("sessions"), "sessions held over two nodes", () -> {
            try (Cluster cluster = startCluster()) {
                clusterSessions(cluster.servers());
            }
        });
        phase(List.of("sustained"), "sustained load over two nodes", () -> {
            try (Cluster cluster = startCluster()) {
                sustained(cluster.token());
            }
        });
    }

    /**
     * The search rows with the index in OpenSearch: node 1 starts first, finds the index missing and builds it for the
     * cluster (the re-index row); node 2 starts once it is built, and finds it so. The searchers ask node 1; each new
     * message is posted on node 1 and looked for on node 2.
     */
    private void runOpenSearch() {
        phase(List.of("search"), "search in OpenSearch over two nodes", () -> {
            List<ParleyServer> servers = new ArrayList<>();
            try {
                ParleyServer first = startServer(nodes.getFirst(), "3g");
                servers.add(first);
                ready(first);
                search(token(DataGenerator.SENDER), () -> {
                    ParleyServer second = startServer(nodes.getLast(), "3g");
                    servers.add(second);
                    ready(second);
                    awaitSearchIndex(nodes.getLast().baseUrl(), token(DataGenerator.SENDER));
                    return nodes.getLast().baseUrl();
                });
            } finally {
                for (ParleyServer server : servers.reversed()) {
                    server.close();
                }
            }
        });
    }

    interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs one phase (unless {@code --only} leaves out every one of its keys); a phase that fails or runs out of time
     * is reported as a failed row, and the run goes on.
     */
    private void phase(List<String> keys, String name, Phase phase) {
        if (keys.stream().noneMatch(config::runs)) {
            return;
        }
        if (System.nanoTime() > deadlineNanos) {
            rows.add(new Row(name, "not run: the run reached its time limit of " + config.deadline(), "", false));
            return;
        }
        try {
            phase.run();
        } catch (Exception e) {
            e.printStackTrace();
            rows.add(new Row(name, "did not complete: " + e, "", false));
        }
    }

    private int serverStarts;

    /** The start-up row: the extracted jar with its AOT cache, and the plain jar for comparison. */
    private void startup() throws Exception {
        Duration plain = startupWithoutRecording(ParleyServer.Launch.plain(jar));
        Duration cached = startupWithoutRecording(aotLaunch);
        rows.add(new Row(
                String.format(
                        "start-up with %,d messages stored, to first HTTP 200 (extracted jar with its AOT"
                                + " cache; plain `java -jar` in brackets)",
                        config.historyMessages() + (DataGenerator.ROOMS + 2) * DataGenerator.SEED_MESSAGES),
                String.format("%.1f s (%.1f s)", cached.toMillis() / 1000.0, plain.toMillis() / 1000.0),
                "≤ 8 s",
                cached.toMillis() <= 8000));
    }

    /** Start-up to the first HTTP 200, without Flight Recorder (which would add to it). */
    private Duration startupWithoutRecording(ParleyServer.Launch how) throws Exception {
        checkDeadline();
        Node node = nodes.getFirst();
        try (ParleyServer server = ParleyServer.start(
                how,
                node.dataDir().toAbsolutePath(),
                node.port(),
                "6g",
                node.log(),
                null,
                settings(node).toArray(String[]::new))) {
            return ready(server);
        }
    }

    /**
     * Waits for the server to answer; the time it took to start is not counted against the run's time limit. It waits
     * up to five minutes: on a machine shared with other work (load average 12 to 25 on 2 cores), start-ups of 55 s to
     * over 3 minutes were seen, against 5 s alone.
     */
    private Duration ready(ParleyServer server) {
        Duration startUp = server.awaitReady(Duration.ofMinutes(5));
        deadlineNanos += startUp.toNanos();
        return startUp;
    }

    /** A server for the single-node phases: the plain jar under Flight Recorder, one recording per start. */
    private ParleyServer startServer() throws IOException {
        return startServer(nodes.getFirst(), "6g");
    }

    private ParleyServer startServer(Node node, String maxHeap) throws IOException {
        checkDeadline();
        serverStarts++;
        String recording = nodes.size() == 1 ? "parley-" + serverStarts : "parley-" + serverStarts + "-" + node.name();
        return ParleyServer.start(
                ParleyServer.Launch.plain(jar),
                node.dataDir().toAbsolutePath(),
                node.port(),
                maxHeap,
                node.log(),
                work.resolve(recording + ".jfr").toAbsolutePath(),
                settings(node).toArray(String[]::new));
    }

    /** The server's settings for the run's database: none on SQLite (the data folder's), or the run's database. */
    private List<String> databaseSettings() {
        return database == null
                ? List.of()
                : List.of(
                        "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
                        "--spring.datasource.username=postgres");
    }

    /**
     * A node's settings: the run's database and, in a cluster, the shared Redis under the run's cluster name; with
     * {@code --opensearch}, the run's OpenSearch too, the index named after the cluster.
     */
    private List<String> settings(Node node) {
        List<String> settings = new ArrayList<>(databaseSettings());
        if (config.mode() == Mode.CLUSTER || config.mode() == Mode.OPENSEARCH) {
            settings.add("--parley.cluster.redis-url=" + REDIS);
            settings.add("--parley.cluster.name=" + clusterName);
            settings.add("--parley.node-name=" + node.name());
        }
        if (config.mode() == Mode.OPENSEARCH) {
            settings.add("--parley.search.opensearch.url="
                    + OpenSearchTestServer.forLoad(OPENSEARCH_HEAP).url());
            settings.add("--parley.search.opensearch.index=" + clusterName);
        }
        return settings;
    }

    /** The run's OpenSearch's heap, with {@code --opensearch}. */
    private static final String OPENSEARCH_HEAP = "2g";

    /** The nodes of a cluster phase, started and ready; stopped together, the last started first. */
    private record Cluster(List<ParleyServer> servers, String token) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            for (ParleyServer server : servers.reversed()) {
                server.close();
            }
        }
    }

    /**
     * Starts every node, one after the other (each start-up alone on the cores, as the single node's), and waits until
     * each has built its search index, so that no row is measured beside a rebuild. If one fails, those started are
     * stopped before the failure goes on.
     */
    private Cluster startCluster() throws Exception {
        List<ParleyServer> servers = new ArrayList<>();
        try {
            for (Node node : nodes) {
                // 2,500 sessions a node at most: 4 GB each leaves room for the other node, the harness and PostgreSQL.
                ParleyServer server = startServer(node, "4g");
                servers.add(server);
                ready(server);
            }
            String token = token(DataGenerator.SENDER);
            for (Node node : nodes) {
                awaitSearchIndex(node.baseUrl(), token);
            }
            return new Cluster(List.copyOf(servers), token);
        } catch (Exception | Error e) {
            try {
                new Cluster(servers, "").close();
            } catch (InterruptedException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    /**
     * The node a generated user's browser, or the k-th post, goes to: in turns of {@value DataGenerator#ROOMS}, so that
     * the users of one room (user i is in room i mod 20) and the posts to one room are spread over every node.
     */
    private int nodeOf(int position) {
        return (position / DataGenerator.ROOMS) % nodes.size();
    }

    private int nodeOf(String user) {
        return nodeOf(positions.get(user));
    }

    // ---- search --------------------------------------------------------------------------------------------

    /** The typical queries of the issue: one word, two words, a phrase, with {@code from:} and with {@code in:}. */
    private static final List<String> SEARCH_QUERIES = List.of(
            "deploy",
            "release meeting",
            "\"merge review\"",
            "from:" + DataGenerator.SENDER + " incident",
            "in:" + DataGenerator.HISTORY_ROOM + " coffee",
            "plan");

    private static final int SEARCHERS = 10;

    /** Waits until search stops answering 503 ("index is being built"). */
    private void awaitSearchIndex(String node, String token) {
        Awaitility.await()
                .atMost(config.deadline())
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        api(node, "GET", searchPath("deploy", 20), token, null).statusCode() == 200);
    }

    private void search(String token) throws Exception {
        search(token, () -> baseUrl);
    }

    /**
     * The search rows: the re-index at start-up, the query load on the first node, and new messages found;
     * {@code otherNode} is called once the index is built, and answers where new messages are looked for (the first
     * node's address, or the second node's, started then).
     */
    private void search(String token, Callable<String> otherNode) throws Exception {
        boolean shared = config.mode() == Mode.OPENSEARCH;
        long indexed = config.historyMessages() + (long) (DataGenerator.ROOMS + 2) * DataGenerator.SEED_MESSAGES;
        long start = System.nanoTime();
        awaitSearchIndex(baseUrl, token);
        double rebuildSeconds = (System.nanoTime() - start) / 1e9;
        rows.add(new Row(
                String.format(
                        shared
                                ? "search: full re-index of %,d messages into OpenSearch at the first node's start-up,"
                                        + " once for the cluster, in the background"
                                : "search: full re-index of %,d messages at start-up, in the background",
                        indexed),
                String.format("%.1f s, %,.0f messages/s", rebuildSeconds, indexed / rebuildSeconds),
                "reported",
                true));

        String lookIn = otherNode.call();
        List<String> paths = SEARCH_QUERIES.stream().map(q -> searchPath(q, 20)).toList();
        for (int i = 0; i < 200; i++) {
            api("GET", paths.get(i % paths.size()), token, null);
        }
        // The same load, not timed, first (as in the sustained phase): the server was just started, and its JIT
        // compiler took a third of a core through a timed phase that followed only these 200 queries (~150
        // compilations a second). It goes on for longer still, but the whole run has to fit in its 15 minutes.
        AtomicInteger failures = new AtomicInteger();
        searchLoad(
                token,
                paths,
                Integer.MAX_VALUE,
                System.nanoTime() + Duration.ofSeconds(config.quick() ? 3 : 15).toNanos(),
                null,
                null,
                failures);
        printQueryTimesAlone(token, paths);
        int perSearcher = config.quick() ? 100 : 500;
        long[] latencies = new long[SEARCHERS * perSearcher];
        long[] serverLatencies = new long[SEARCHERS * perSearcher];
        // Bounded by count (and each searcher's wait below): every timed query is counted.
        searchLoad(token, paths, perSearcher, Long.MAX_VALUE, latencies, serverLatencies, failures);
        // The budget is for the query: the server's own time (Server-Timing), as for history; the round trip, which
        // adds HTTP and the harness's own share of the two cores, is shown in brackets.
        Stats stats = Stats.of(serverLatencies);
        for (int q = 0; q < paths.size(); q++) {
            List<Long> times = new ArrayList<>();
            for (int t = 0; t < SEARCHERS; t++) {
                for (int i = 0; i < perSearcher; i++) {
                    if ((t + i) % paths.size() == q) {
                        times.add(serverLatencies[t * perSearcher + i]);
                    }
                }
            }
            Stats each = Stats.of(times.stream().mapToLong(Long::longValue).toArray());
            System.out.printf(
                    "search, %d searchers: %-30s p50 %6.1f ms, p95 %6.1f ms%n",
                    SEARCHERS, SEARCH_QUERIES.get(q), each.percentileMillis(50), each.percentileMillis(95));
        }
        Stats roundTrips = Stats.of(latencies);
        double p95 = stats.percentileMillis(95);
        double p99 = stats.percentileMillis(99);
        rows.add(new Row(
                String.format(
                        "search: typical queries (one word, two words, phrase, `from:`, `in:`) over %,d messages,"
                                + " %d concurrent searchers (query time from `Server-Timing`; HTTP round trip in"
                                + " brackets)",
                        indexed, SEARCHERS),
                String.format(
                        "p95 %.1f ms, p99 %.1f ms (p95 %.1f ms, p99 %.1f ms), %d failed",
                        p95, p99, roundTrips.percentileMillis(95), roundTrips.percentileMillis(99), failures.get()),
                "p95 ≤ 50 ms, p99 ≤ 150 ms",
                p95 <= 50 && p99 <= 150 && failures.get() == 0));

        long worst = 0;
        for (int i = 0; i < 20; i++) {
            String word = "fresh" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
            String body = JSON.writeValueAsString(Map.of("body", "searchable " + word));
            long posted = System.nanoTime();
            HttpResponse<String> post =
                    api("POST", "/api/rooms/" + DataGenerator.HISTORY_ROOM + "/messages", token, body);
            if (post.statusCode() != 201) {
                throw new IllegalStateException("Posting failed: " + post.statusCode());
            }
            String path = searchPath(word, 1);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() ->
                            JSON.readTree(api(lookIn, "GET", path, token, null).body())
                                            .path("total")
                                            .asLong()
                                    == 1);
            long took = System.nanoTime() - posted;
            System.out.printf("search: a new message found after %.0f ms%n", took / 1e6);
            worst = Math.max(worst, took);
        }
        rows.add(
                shared
                        ? new Row(
                                "search: a new message posted on node 1 found by search on node 2, from posting it (worst of"
                                        + " 20)",
                                String.format("%.0f ms", worst / 1e6),
                                "≤ 2 s",
                                worst <= 2_000_000_000L)
                        : new Row(
                                "search: a new message found by search, from posting it (worst of 20)",
                                String.format("%.0f ms", worst / 1e6),
                                "≤ 1 s",
                                worst <= 1_000_000_000L));
    }

    /**
     * {@value #SEARCHERS} searchers, each sending the queries in turn (each starting at another one), one at a time,
     * {@code perSearcher} each or until {@code untilNanos}; the times are recorded where arrays are given.
     */
    private void searchLoad(
            String token,
            List<String> paths,
            int perSearcher,
            long untilNanos,
            long @Nullable [] latencies,
            long @Nullable [] serverLatencies,
            AtomicInteger failures)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEARCHERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < SEARCHERS; t++) {
                int searcher = t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perSearcher && System.nanoTime() < untilNanos; i++) {
                        long begin = System.nanoTime();
                        // The harness shares the cores with the server, so the searchers do no work the measurement
                        // does not need: a blocking request on a kept-alive connection, the body read and dropped.
                        // (The JDK's asynchronous HttpClient cost the harness ~2 ms of CPU per request.)
                        HttpURLConnection connection =
                                (HttpURLConnection) URI.create(baseUrl + paths.get((searcher + i) % paths.size()))
                                        .toURL()
                                        .openConnection();
                        connection.setRequestProperty("Authorization", "Bearer " + token);
                        int status = connection.getResponseCode();
                        try (InputStream body =
                                status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                            if (body != null) {
                                body.transferTo(OutputStream.nullOutputStream());
                            }
                        }
                        if (latencies != null) {
                            latencies[searcher * perSearcher + i] = System.nanoTime() - begin;
                        }
                        if (status != 200) {
                            failures.incrementAndGet();
                        } else if (serverLatencies != null) {
                            serverLatencies[searcher * perSearcher + i] =
                                    serverTimingNanos(connection.getHeaderField("Server-Timing"), "search");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(config.deadline().toMinutes(), TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Prints each query's server time when it runs alone, one at a time: what it costs without waiting for a core (the
     * concurrent figures are about {@value #SEARCHERS} / cores times that).
     */
    private void printQueryTimesAlone(String token, List<String> paths) throws Exception {
        for (int q = 0; q < paths.size(); q++) {
            long[] times = new long[50];
            for (int i = 0; i < times.length; i++) {
                times[i] = serverTimingNanos(api("GET", paths.get(q), token, null), "search");
            }
            Stats each = Stats.of(times);
            System.out.printf(
                    "search, alone: %-30s p50 %6.1f ms, p95 %6.1f ms%n",
                    SEARCH_QUERIES.get(q), each.percentileMillis(50), each.percentileMillis(95));
        }
    }

    private static String searchPath(String query, int limit) {
        return "/api/search?limit=" + limit + "&q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- history -------------------------------------------------------------------------------------------

    private void history(String token) throws Exception {
        long last = config.historyMessages();
        Map<String, Long> depths = new java.util.LinkedHashMap<>();
        depths.put("newest", last + 1);
        depths.put("middle", last / 2);
        depths.put("oldest", 51L);
        List<String> names = List.copyOf(depths.keySet());
        List<String> paths = depths.values().stream().map(Bench::historyPath).toList();
        // Warm up every depth first, then time the depths in turn, request by request, so that JIT compilation and
        // anything else that drifts during the phase is shared by all of them instead of charged to the first.
        for (int i = 0; i < 500; i++) {
            for (String path : paths) {
                api("GET", path, token, null);
            }
        }
        int requests = 300;
        long[][] roundTrips = new long[paths.size()][requests];
        long[][] queries = new long[paths.size()][requests];
        for (int i = 0; i < requests; i++) {
            for (int d = 0; d < paths.size(); d++) {
                long start = System.nanoTime();
                HttpResponse<String> response = api("GET", paths.get(d), token, null);
                roundTrips[d][i] = System.nanoTime() - start;
                if (response.statusCode() != 200
                        || JSON.readTree(response.body()).size() != 50) {
                    throw new IllegalStateException("History page failed: " + response.statusCode());
                }
                queries[d][i] = serverTimingNanos(response, "db");
            }
        }
        List<String> queryParts = new ArrayList<>();
        List<String> roundTripParts = new ArrayList<>();
        boolean pass = true;
        for (int d = 0; d < paths.size(); d++) {
            double query = Stats.of(queries[d]).percentileMillis(95);
            pass &= query <= 5;
            queryParts.add(String.format("%s %.2f ms", names.get(d), query));
            roundTripParts.add(String.format(
                    "%s %.2f ms", names.get(d), Stats.of(roundTrips[d]).percentileMillis(95)));
        }
        rows.add(new Row(
                String.format(
                        "history: page of 50 older messages in a room of %,d (query p95 from `Server-Timing`;"
                                + " HTTP round trip p95 in brackets)",
                        config.historyMessages()),
                String.join(", ", queryParts) + " (" + String.join(", ", roundTripParts) + ")",
                "query p95 ≤ 5 ms at every depth",
                pass));
    }

    private static String historyPath(long before) {
        return "/api/rooms/" + DataGenerator.HISTORY_ROOM + "/messages?limit=50&before=" + before;
    }

    /** The server's own time for a request, from its {@code Server-Timing: <name>;dur=<ms>} header. */
    private static long serverTimingNanos(HttpResponse<?> response, String name) {
        return serverTimingNanos(
                response.headers()
                        .firstValue("Server-Timing")
                        .orElseThrow(() -> new IllegalStateException("No Server-Timing header on " + response.uri())),
                name);
    }

    /** The time named in a {@code Server-Timing: <name>;dur=<ms>} header's value. */
    private static long serverTimingNanos(@Nullable String timing, String name) {
        if (timing == null) {
            throw new IllegalStateException("No Server-Timing header");
        }
        Matcher matcher = Pattern.compile(name + ";dur=([0-9.]+)").matcher(timing);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected Server-Timing header: " + timing);
        }
        return Math.round(Double.parseDouble(matcher.group(1)) * 1e6);
    }

    // ---- fan-out -------------------------------------------------------------------------------------------

    /**
     * One timed delivery: the message's place in sending order, the node it was posted to, the node of the receiver
     * that got it, and the time from just before the POST was sent until the push frame carrying it arrived.
     */
    record Delivery(int message, int postedTo, int receivedOn, long nanos) {}

    /** Every delivery of a fan-out's timed messages, and how many there should have been. */
    record FanoutRun(List<Delivery> deliveries, int expected) {

        Stats stats(java.util.function.Predicate<Delivery> which) {
            return Stats.of(
                    deliveries.stream().filter(which).mapToLong(Delivery::nanos).toArray());
        }
    }

    /** The single-node row; returns {p50, p99} in milliseconds. */
    private double[] fanout(String token, String room, int receivers, String budget, double p99Budget, double p50Budget)
            throws Exception {
        FanoutRun run = fanoutRun(token, room, receivers);
        Stats stats = run.stats(d -> true);
        double p50 = stats.percentileMillis(50);
        double p99 = stats.percentileMillis(99);
        int received = run.deliveries().size();
        rows.add(new Row(
                String.format("fan-out latency, POST sent → push frame received, room of %d receivers", receivers),
                String.format("p50 %.1f ms, p99 %.1f ms (%d of %d deliveries)", p50, p99, received, run.expected()),
                budget,
                p99 <= p99Budget && p50 <= p50Budget && received == run.expected()));
        return new double[] {p50, p99};
    }

    /**
     * The cluster's row: the same fan-out with the receivers spread over both nodes and the messages posted to each
     * node in turn, so that every message has receivers on the node it was posted to and on the other one. What
     * crossing Redis costs is the difference between the two halves' latencies of the same message: taken over all
     * messages at once, the halves' percentiles mostly show how messages differ from each other (one posted during a
     * collection pause is late on both nodes), which hides the crossing.
     */
    private void clusterFanout(String token) throws Exception {
        int receivers = config.bigFanout();
        FanoutRun run = fanoutRun(token, layout.fanout1000(), receivers);
        Stats all = run.stats(d -> true);
        Stats same = run.stats(d -> d.postedTo() == d.receivedOn());
        Stats other = run.stats(d -> d.postedTo() != d.receivedOn());
        Stats crossing = crossingPerMessage(run);
        int received = run.deliveries().size();
        rows.add(new Row(
                String.format(
                        "fan-out over two nodes, POST sent → push frame received, room of %d receivers (half on each"
                                + " node; the messages posted to the nodes in turn); what crossing Redis adds: each"
                                + " message's median on the other node less its median on the posting node",
                        receivers),
                String.format(
                        "p50 %.1f ms, p99 %.1f ms; crossing adds p50 %.1f ms (of %d messages; the largest %.1f ms);"
                                + " on the posting node p50 %.1f ms, p99 %.1f ms, on the other node p50 %.1f ms, p99"
                                + " %.1f ms; %d of %d deliveries",
                        all.percentileMillis(50),
                        all.percentileMillis(99),
                        crossing.percentileMillis(50),
                        crossing.sortedNanos().length,
                        crossing.percentileMillis(100),
                        same.percentileMillis(50),
                        same.percentileMillis(99),
                        other.percentileMillis(50),
                        other.percentileMillis(99),
                        received,
                        run.expected()),
                "crossing nodes adds ≤ 10 ms at p50, nothing lost",
                crossing.percentileMillis(50) <= 10 && received == run.expected()));
    }

    /**
     * For each message, its median latency on the other node less its median on the posting node (negative when the
     * other node was quicker).
     */
    private static Stats crossingPerMessage(FanoutRun run) {
        Map<Integer, List<Delivery>> byMessage =
                run.deliveries().stream().collect(Collectors.groupingBy(Delivery::message));
        long[] differences = byMessage.values().stream()
                // A message none of one half received has no difference; the row's count of deliveries shows it.
                .filter(deliveries -> deliveries.stream().anyMatch(d -> d.postedTo() == d.receivedOn())
                        && deliveries.stream().anyMatch(d -> d.postedTo() != d.receivedOn()))
                .mapToLong(deliveries -> {
                    FanoutRun one = new FanoutRun(deliveries, deliveries.size());
                    return Math.round(
                            (one.stats(d -> d.postedTo() != d.receivedOn()).percentileMillis(50)
                                            - one.stats(d -> d.postedTo() == d.receivedOn())
                                                    .percentileMillis(50))
                                    * 1e6);
                })
                .toArray();
        return Stats.of(differences);
    }

    /**
     * Connects {@code receivers} members of a room (spread over the nodes, see {@link #nodeOf(int)}), waits until their
     * arrival has stopped pushing, posts the timed messages to the nodes in turn at a steady rate, and collects every
     * delivery.
     */
    private FanoutRun fanoutRun(String token, String room, int receivers) throws Exception {
        System.out.printf("Fan-out: connecting %d receivers to %s on %d node(s)%n", receivers, room, nodes.size());
        record Sent(int message, int node, long nanos) {}
        Map<Long, Sent> sentAt = new ConcurrentHashMap<>();
        Set<Long> warmUpIds = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        // The last receiver's latency of each message, in sending order: whether a tail is every message's or a few's.
        Map<Integer, Long> slowest = new ConcurrentSkipListMap<>();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger warmedUp = new AtomicInteger();
        List<VaadinClient.Receiver> receiverOn = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            int node = n;
            receiverOn.add(new VaadinClient.Receiver() {
                @Override
                public void marker(long id, long nanos) {
                    if (warmUpIds.contains(id)) {
                        warmedUp.incrementAndGet();
                        return;
                    }
                    Sent sent = sentAt.get(id);
                    if (sent != null) {
                        deliveries.add(new Delivery(sent.message(), sent.node(), node, nanos - sent.nanos()));
                        slowest.merge(sent.message(), nanos - sent.nanos(), Math::max);
                        received.incrementAndGet();
                    }
                }

                @Override
                public void seq(long seq) {}
            });
        }
        List<VaadinClient> clients =
                connect(layout.users().subList(0, receivers), u -> "rooms/" + room, u -> receiverOn.get(nodeOf(u)));
        try {
            // Every receiver that connected went online, and every open view shows it within a second (presence is
            // batched per view): a thousand connections leave a second or two of sidebar pushes to every view. The
            // row measures a message's fan-out in a room whose members are there, not during their arrival.
            awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(30));
            warmUp(token, room, warmUpIds, warmedUp, clients.size());
            int messages = config.fanoutMessages();
            List<Long> posts = new ArrayList<>();
            Duration interval = Duration.ofMillis(receivers >= 1000 ? 300 : 100);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                awaitSlot(start, i, interval);
                long id = markers.incrementAndGet();
                int node = i % nodes.size();
                long sent = System.nanoTime();
                sentAt.put(id, new Sent(i, node, sent));
                HttpResponse<String> response = api(
                        nodes.get(node).baseUrl(),
                        "POST",
                        "/api/rooms/" + room + "/messages",
                        token,
                        "{\"body\":\"bm:" + id + " fan-out\"}");
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("Post failed: " + response.statusCode() + " " + response.body());
                }
                posts.add((System.nanoTime() - sent) / 1_000_000);
            }
            awaitCount(received, messages * clients.size(), Duration.ofSeconds(20));
            System.out.printf(
                    "Fan-out to %d, last receiver of each message (ms, in sending order): %s%n",
                    receivers,
                    slowest.values().stream()
                            .map(nanos -> String.valueOf(nanos / 1_000_000))
                            .collect(Collectors.joining(" ")));
            System.out.printf("Fan-out to %d, each POST's round trip (ms, in sending order): %s%n", receivers, posts);
            return new FanoutRun(List.copyOf(deliveries), messages * clients.size());
        } finally {
            clients.forEach(VaadinClient::close);
        }
    }

    /** Waits until no client has received a push for {@code quiet}, at most {@code limit}. */
    private static void awaitQuiet(Duration quiet, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - VaadinClient.lastPushNanos() < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Pushes did not stop within " + limit);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Posts three unmeasured messages, to the nodes in turn, and waits until every receiver has them: the paths are
     * warm and idle.
     */
    private void warmUp(String token, String room, Set<Long> ids, AtomicInteger arrived, int receivers)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            long id = markers.incrementAndGet();
            ids.add(id);
            api(
                    nodes.get(i % nodes.size()).baseUrl(),
                    "POST",
                    "/api/rooms/" + room + "/messages",
                    token,
                    "{\"body\":\"bm:" + id + " warm-up\"}");
        }
        awaitCount(arrived, 3 * receivers, Duration.ofSeconds(20));
    }

    /**
     * Waits for the {@code k}-th slot of a fixed sending schedule: the harness sends at a steady rate, whatever each
     * send took, instead of sleeping a fixed time after each.
     */
    private static void awaitSlot(long startNanos, int k, Duration interval) throws InterruptedException {
        long wait = startNanos + k * interval.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void ceiling(int receivers, double[] parley) throws Exception {
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger received = new AtomicInteger();
        String url = baseUrl.replace("http", "ws") + "/bench/ceiling";
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < receivers; i++) {
                sockets.add(VaadinClient.newWebSocketBuilder()
                        .buildAsync(URI.create(url), new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                long now = System.nanoTime();
                                text.append(data);
                                if (last) {
                                    Matcher m = java.util.regex.Pattern.compile("bm:(\\d+)")
                                            .matcher(text);
                                    if (m.find()) {
                                        Long sent = sentAt.get(Long.parseLong(m.group(1)));
                                        if (sent != null) {
                                            latencies.add(now - sent);
                                            received.incrementAndGet();
                                        }
                                    }
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                        .get(10, TimeUnit.SECONDS));
            }
            WebSocket sender = VaadinClient.newWebSocketBuilder()
                    .buildAsync(URI.create(url), new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS);
            int messages = config.fanoutMessages();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                awaitSlot(start, i, Duration.ofMillis(300));
                long id = markers.incrementAndGet();
                sentAt.put(id, System.nanoTime());
                sender.sendText("{\"body\":\"bm:" + id + " ceiling\"}", true).get(10, TimeUnit.SECONDS);
            }
            awaitCount(received, messages * receivers, Duration.ofSeconds(20));
            sender.abort();
            Stats stats = Stats.of(latencies.stream().mapToLong(Long::longValue).toArray());
            double p50 = stats.percentileMillis(50);
            double p99 = stats.percentileMillis(99);
            double ratio50 = parley[0] / p50;
            double ratio99 = parley[1] / p99;
            rows.add(new Row(
                    String.format("ceiling: plain WebSocket broadcast, same JVM and Tomcat, %d receivers", receivers),
                    String.format(
                            "p50 %.1f ms, p99 %.1f ms; Parley/ceiling: p50 %.1f×, p99 %.1f×",
                            p50, p99, ratio50, ratio99),
                    "Parley within 3× at 1,000 receivers",
                    ratio50 <= 3 && ratio99 <= 3));
        } finally {
            sockets.forEach(WebSocket::abort);
        }
    }

    // ---- sessions and heap ---------------------------------------------------------------------------------

    /** A receiver for sessions that are only held: what they are pushed is not looked at. */
    private static final VaadinClient.Receiver IGNORE = new VaadinClient.Receiver() {
        @Override
        public void marker(long id, long nanos) {}

        @Override
        public void seq(long seq) {}
    };

    private void sessions(ParleyServer server) throws Exception {
        long base = server.settledLiveHeapBytes();
        Path before = work.resolve("histogram-0-sessions.txt");
        server.classHistogram(before);
        System.out.printf("Live heap with no sessions: %,d KB%n", base / 1024);
        List<String> users = layout.users();
        holding(clients -> {
            AtomicInteger failures = new AtomicInteger();
            synchronizedAdd(clients, connectCounting(users.subList(0, config.heapSessions()), failures, IGNORE));
            awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(60));
            long withSessions = server.settledLiveHeapBytes();
            Path after = work.resolve("histogram-" + config.heapSessions() + "-sessions.txt");
            server.classHistogram(after);
            String growth = ClassHistogram.growth(before, after, config.heapSessions(), 25);
            Files.writeString(work.resolve("histogram-growth-per-session.txt"), growth);
            Path dump = work.resolve("heap-" + config.heapSessions() + "-sessions.hprof");
            server.heapDump(dump);
            Files.writeString(work.resolve("heap-referrers.txt"), HeapReferrers.report(dump, 4, 60));
            Files.delete(dump);
            System.out.println(growth);
            double perSession = (withSessions - base) / 1024.0 / config.heapSessions();
            // Less than an empty UI costs means the sessions were not all there when the heap was measured (or the
            // measurement went wrong): a failure with the reason, never a pass.
            boolean plausible = perSession >= LEAST_PLAUSIBLE_SESSION_KB;
            rows.add(new Row(
                    String.format(
                            "live heap per connected session (room view, push, 50 messages), %,d sessions",
                            config.heapSessions()),
                    plausible
                            ? String.format("%.0f KB", perSession)
                            : String.format(
                                    "%.0f KB: implausible, less than an empty UI's %d KB (were the sessions connected"
                                            + " when the heap was measured?)",
                                    perSession, LEAST_PLAUSIBLE_SESSION_KB),
                    "≤ 150 KB",
                    plausible && perSession <= 150));
            synchronizedAdd(
                    clients,
                    connectCounting(users.subList(config.heapSessions(), config.heldSessions()), failures, IGNORE));
            // Measured once the arrivals' presence pushes have stopped: held sessions, not sessions arriving.
            awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(60));
            long held = server.settledLiveHeapBytes();
            server.classHistogram(work.resolve("histogram-" + config.heldSessions() + "-sessions.txt"));
            rows.add(heldRow(
                    String.format(
                            "sessions held: %,d connected sessions in %d rooms, heap growth",
                            config.heldSessions(), DataGenerator.ROOMS),
                    held - base,
                    "",
                    clients,
                    failures.get()));
        });
    }

    /**
     * The cluster's sessions: the same users as on one node, each on the node {@link #nodeOf(int)} gives it (half on
     * each, every room on both), and the growth of each node's live heap.
     */
    private void clusterSessions(List<ParleyServer> servers) throws Exception {
        long[] base = new long[servers.size()];
        for (int n = 0; n < servers.size(); n++) {
            base[n] = servers.get(n).settledLiveHeapBytes();
        }
        holding(clients -> {
            AtomicInteger failures = new AtomicInteger();
            synchronizedAdd(
                    clients, connectCounting(layout.users().subList(0, config.heldSessions()), failures, IGNORE));
            // Measured once the arrivals' presence pushes have stopped, on both nodes.
            awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(60));
            long growth = 0;
            List<String> perNode = new ArrayList<>();
            for (int n = 0; n < servers.size(); n++) {
                long grew = servers.get(n).settledLiveHeapBytes() - base[n];
                growth += grew;
                perNode.add(String.format("%s %.0f MB", nodes.get(n).name(), grew / 1024.0 / 1024.0));
            }
            rows.add(heldRow(
                    String.format(
                            "sessions held over two nodes: %,d connected sessions in %d rooms, half on each node, heap"
                                    + " growth of both",
                            config.heldSessions(), DataGenerator.ROOMS),
                    growth,
                    " (" + String.join(", ", perNode) + ")",
                    clients,
                    failures.get()));
        });
    }

    /** The sessions-held row: the heap they grew by (with {@code detail} after it), failures and push errors. */
    private Row heldRow(String scenario, long growthBytes, String detail, List<VaadinClient> clients, int failures) {
        long pushErrors;
        int connected;
        synchronized (clients) {
            pushErrors = clients.stream().mapToLong(c -> c.errors().size()).sum();
            connected = clients.size();
        }
        int notTried = config.heldSessions() - connected - failures;
        double growthMb = growthBytes / 1024.0 / 1024.0;
        boolean plausible = connected == 0 || growthMb * 1024 / connected >= LEAST_PLAUSIBLE_SESSION_KB;
        return new Row(
                scenario,
                !plausible
                        ? String.format(
                                "%.0f MB for %,d sessions: implausible, less than an empty UI's %d KB each",
                                growthMb, connected, LEAST_PLAUSIBLE_SESSION_KB)
                        : notTried == 0
                                ? String.format(
                                        "%.0f MB%s, %d failed to connect, %d push errors",
                                        growthMb, detail, failures, pushErrors)
                                : String.format(
                                        "%.0f MB%s with %,d sessions: %d not tried (the run reached its time limit), %d"
                                                + " failed to connect, %d push errors",
                                        growthMb, detail, connected, notTried, failures, pushErrors),
                "≤ 1.5 GB, no errors",
                plausible && growthMb <= 1536 && notTried == 0 && failures == 0 && pushErrors == 0);
    }

    interface Holding {
        void run(List<VaadinClient> clients) throws Exception;
    }

    /**
     * Runs {@code body} with a list of sessions it fills: their UIs are kept alive by heartbeats every 20 s, as a
     * browser's are, and they are closed at the end, however it ends.
     */
    private static void holding(Holding body) throws Exception {
        List<VaadinClient> clients = new ArrayList<>();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        heartbeats.scheduleAtFixedRate(() -> beat(clients), 20, 20, TimeUnit.SECONDS);
        try {
            body.run(clients);
        } finally {
            heartbeats.shutdownNow();
            synchronized (clients) {
                clients.forEach(VaadinClient::close);
            }
        }
    }

    private static void synchronizedAdd(List<VaadinClient> all, List<VaadinClient> more) {
        synchronized (all) {
            all.addAll(more);
        }
    }

    private static void beat(List<VaadinClient> clients) {
        List<VaadinClient> snapshot;
        synchronized (clients) {
            snapshot = List.copyOf(clients);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (VaadinClient client : snapshot) {
                pool.submit(() -> {
                    client.heartbeat();
                    return null;
                });
            }
        }
    }

    // ---- sustained load ------------------------------------------------------------------------------------

    /** Posting at the sustained rate before the timed part starts (see {@link #sustained}). */
    private static final Duration SUSTAINED_WARM_UP = Duration.ofSeconds(10);

    private void sustained(String token) throws Exception {
        int users = config.sustainedUsers();
        Map<VaadinClient, String> roomOf = new ConcurrentHashMap<>();
        Map<String, Set<Long>> postedSeqs = new ConcurrentHashMap<>();
        Map<Integer, List<Long>> seqsByClient = new ConcurrentHashMap<>();
        Map<Integer, List<Long>> markersByClient = new ConcurrentHashMap<>();
        List<VaadinClient> clients = new ArrayList<>();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger index = new AtomicInteger();
        ExecutorService connectPool = Executors.newFixedThreadPool(8);
        List<Future<VaadinClient>> futures = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String user = layout.users().get(i);
            String room = layout.rooms().get(i % DataGenerator.ROOMS);
            futures.add(connectPool.submit(() -> {
                int n = index.getAndIncrement();
                List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
                List<Long> ids = Collections.synchronizedList(new ArrayList<>());
                seqsByClient.put(n, seqs);
                markersByClient.put(n, ids);
                VaadinClient client =
                        new VaadinClient(http, nodes.get(nodeOf(user)).baseUrl(), new VaadinClient.Receiver() {
                            @Override
                            public void marker(long id, long nanos) {
                                ids.add(id);
                                deliveries.incrementAndGet();
                            }

                            @Override
                            public void seq(long seq) {
                                seqs.add(seq);
                            }
                        });
                client.signIn(user, DataGenerator.PASSWORD);
                client.open("rooms/" + room);
                roomOf.put(client, room + "#" + n);
                return client;
            }));
        }
        for (Future<VaadinClient> f : futures) {
            clients.add(f.get(120, TimeUnit.SECONDS));
        }
        connectPool.shutdown();
        awaitPush(clients);
        System.out.printf(
                "Sustained load: %d receivers in %d rooms, %d posts/s for %d s%n",
                users,
                DataGenerator.ROOMS,
                config.sustainedRate(),
                config.sustainedFor().toSeconds());

        // The same load for a few seconds first, not timed: the server was just started, and its first seconds of
        // posting and fan-out run on code the JIT has not compiled yet (the other rows warm up as well). Its posts
        // are delivered and checked like the rest.
        int warmUp = (int) (config.sustainedRate() * SUSTAINED_WARM_UP.toSeconds());
        int total =
                warmUp + (int) (config.sustainedRate() * config.sustainedFor().toSeconds());
        ConcurrentLinkedQueue<Long> postNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> postServerNanos = new ConcurrentLinkedQueue<>();
        AtomicInteger postFailures = new AtomicInteger();
        Map<String, Long> receiversPerRoom = new HashMap<>();
        roomOf.values().forEach(v -> receiversPerRoom.merge(v.substring(0, v.indexOf('#')), 1L, Long::sum));
        AtomicInteger expectedDeliveries = new AtomicInteger();
        Duration interval = Duration.ofNanos(1_000_000_000L / config.sustainedRate());
        long warmUpStart = System.nanoTime();
        long start = warmUpStart + interval.toNanos() * warmUp;
        int deliveredInWarmUp = -1;
        CpuTimes cpuAtStart = null;
        try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int k = 0; k < total; k++) {
                awaitSlot(warmUpStart, k, interval);
                if (k == warmUp) {
                    deliveredInWarmUp = deliveries.get();
                    cpuAtStart = CpuTimes.now();
                }
                boolean timed = k >= warmUp;
                String room = layout.rooms().get(k % DataGenerator.ROOMS);
                // In a cluster, each room's posts go to both nodes in turn, as its receivers are on both.
                String sender = nodes.get(nodeOf(k)).baseUrl();
                long id = markers.incrementAndGet();
                posters.submit(() -> {
                    long t = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = api(
                                sender,
                                "POST",
                                "/api/rooms/" + room + "/messages",
                                token,
                                "{\"body\":\"bm:" + id + " sustained\"}");
                    } catch (IOException e) {
                        // Unanswered within the request's 30 s: a failed post, though the server may still have
                        // stored it, and then its receivers get a number the harness does not know was posted.
                        if (postFailures.incrementAndGet() == 1) {
                            System.out.println("Sustained load: a post failed: " + e);
                        }
                        return null;
                    }
                    if (timed) {
                        postNanos.add(System.nanoTime() - t);
                    }
                    if (response.statusCode() == 201) {
                        if (timed) {
                            postServerNanos.add(serverTimingNanos(response, "app"));
                        }
                        expectedDeliveries.addAndGet(
                                receiversPerRoom.getOrDefault(room, 0L).intValue());
                        postedSeqs
                                .computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet())
                                .add(JSON.readTree(response.body()).path("seq").asLong());
                    } else {
                        postFailures.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double busy = Objects.requireNonNull(cpuAtStart).busyShareUntil(CpuTimes.now());
        // Everything posted has been answered; wait (bounded) until the last pushes have arrived.
        awaitCount(deliveries, expectedDeliveries.get(), Duration.ofSeconds(20));

        long delivered = 0;
        long duplicates = 0;
        long expected = 0;
        int seqProblems = 0;
        for (var entry : roomOf.entrySet()) {
            String room = entry.getValue().substring(0, entry.getValue().indexOf('#'));
            int n = Integer.parseInt(entry.getValue().substring(entry.getValue().indexOf('#') + 1));
            List<Long> ids = List.copyOf(markersByClient.get(n));
            Set<Long> unique = new HashSet<>(ids);
            delivered += unique.size();
            duplicates += ids.size() - unique.size();
            Set<Long> posted = postedSeqs.getOrDefault(room, Set.of());
            expected += posted.size();
            List<Long> seqs = List.copyOf(seqsByClient.get(n));
            List<Long> sortedPosted = posted.stream().sorted().toList();
            if (!seqs.equals(sortedPosted)) {
                seqProblems++;
            }
        }
        clients.forEach(VaadinClient::close);
        Stats posts = Stats.of(postNanos.stream().mapToLong(Long::longValue).toArray());
        Stats postsInServer =
                Stats.of(postServerNanos.stream().mapToLong(Long::longValue).toArray());
        // Deliveries of the timed posts (those of the warm-up still arriving when it ended count too: a few).
        double rate = (deliveries.get() - deliveredInWarmUp) / seconds;
        // Over two nodes the issue's budget is that nothing is lost or doubled: the 2 cores then run both nodes,
        // PostgreSQL, Redis and the harness, and the posts' times say how saturated they were more than anything else.
        boolean cluster = nodes.size() > 1;
        boolean pass = rate >= 500
                && (cluster || posts.percentileMillis(99) <= 50)
                && delivered == expected
                && duplicates == 0
                && seqProblems == 0
                && postFailures.get() == 0;
        rows.add(new Row(
                String.format(
                        "sustained load%s: %d online users in %d rooms, %d posts/s for %d s (after %d s of the same,"
                                + " not timed)",
                        nodes.size() == 1 ? "" : " over two nodes (each room's receivers and posts on both)",
                        users,
                        DataGenerator.ROOMS,
                        config.sustainedRate(),
                        config.sustainedFor().toSeconds(),
                        SUSTAINED_WARM_UP.toSeconds()),
                String.format(
                        "%.0f msg/s delivered, POST p99 %.1f ms (in the application: %.1f ms), the machine's cores"
                                + " %.0f%% busy; %d of %d delivered, %d duplicates, %d receivers out of sequence, %d"
                                + " failed posts",
                        rate,
                        posts.percentileMillis(99),
                        postsInServer.percentileMillis(99),
                        busy * 100,
                        delivered,
                        expected,
                        duplicates,
                        seqProblems,
                        postFailures.get()),
                cluster
                        ? "≥ 500 msg/s delivered, nothing lost or duplicated (POST p99 not budgeted: the cores are shared)"
                        : "≥ 500 msg/s delivered, POST p99 ≤ 50 ms, nothing lost or duplicated",
                pass));
    }

    /**
     * The machine's CPU time so far, from {@code /proc/stat}: all of it, and the part spent idle or waiting for I/O.
     */
    private record CpuTimes(long total, long idle) {

        static CpuTimes now() throws IOException {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) { // user … steal; guest time is in user already
                total += Long.parseLong(fields[i]);
            }
            return new CpuTimes(total, Long.parseLong(fields[4]) + Long.parseLong(fields[5]));
        }

        /** The share of the machine's cores that were busy from this reading to {@code later}. */
        double busyShareUntil(CpuTimes later) {
            long all = later.total - total;
            return all == 0 ? 0 : 1 - (double) (later.idle - idle) / all;
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** What the server answered instead of switching to WebSocket, when that is why a session failed. */
    private static String handshakeStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException handshake) {
                // The client's own check of the answer, when the status was right, is in the cause.
                Throwable why = handshake.getCause();
                return " (server answered " + handshake.getResponse().statusCode()
                        + (why == null ? "" : "; the client refused it: " + why.getMessage()) + ", headers "
                        + handshake.getResponse().headers().map() + ")";
            }
        }
        return "";
    }

    /**
     * Connects every one of {@code users} to {@code route} on its node ({@link #nodeOf(String)}), each with the
     * receiver {@code receiverOf} gives it, and fails if any did not connect.
     */
    private List<VaadinClient> connect(
            List<String> users,
            java.util.function.Function<String, String> route,
            java.util.function.Function<String, VaadinClient.Receiver> receiverOf)
            throws Exception {
        AtomicInteger failures = new AtomicInteger();
        List<VaadinClient> clients = connectCounting(users, failures, receiverOf, route);
        if (failures.get() > 0) {
            throw new IllegalStateException(
                    failures.get() + " receivers failed to connect; see the server logs in " + work);
        }
        if (clients.size() < users.size()) {
            throw new IllegalStateException(
                    "The run reached its time limit of " + config.deadline() + " while connecting receivers");
        }
        awaitPush(clients);
        return clients;
    }

    /** Connects users to their own room: user i of the layout is a member of room i mod 20. */
    private List<VaadinClient> connectCounting(
            List<String> users, AtomicInteger failures, VaadinClient.Receiver receiver) throws Exception {
        return connectCounting(
                users,
                failures,
                user -> receiver,
                user -> "rooms/" + layout.rooms().get(positions.get(user) % DataGenerator.ROOMS));
    }

    private List<VaadinClient> connectCounting(
            List<String> users,
            AtomicInteger failures,
            java.util.function.Function<String, VaadinClient.Receiver> receiverOf,
            java.util.function.Function<String, String> route)
            throws Exception {
        List<VaadinClient> clients = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (String user : users) {
                pool.submit(() -> {
                    if (System.nanoTime() > deadlineNanos) {
                        return; // not tried: the caller tells these from failures by the count connected
                    }
                    VaadinClient client =
                            new VaadinClient(http, nodes.get(nodeOf(user)).baseUrl(), receiverOf.apply(user));
                    try {
                        client.signIn(user, DataGenerator.PASSWORD);
                        client.open(route.apply(user));
                        clients.add(client);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        System.err.println("Session of " + user + " failed: " + e + handshakeStatus(e));
                    }
                });
            }
        }
        System.out.printf(
                "Connected %d sessions in %.1f s (%d failed)%n",
                clients.size(), (System.nanoTime() - started) / 1e9, failures.get());
        return clients;
    }

    /** Waits (at most 30 s) until every client's push channel is open; a client that never connects fails later. */
    private static void awaitPush(List<VaadinClient> clients) {
        awaitQuietly(Duration.ofSeconds(30), () -> clients.stream().allMatch(VaadinClient::pushConnected));
    }

    /** Waits (bounded) for a count; a shortfall is not an error here: the row reports what arrived. */
    private static void awaitCount(AtomicInteger count, int expected, Duration timeout) {
        awaitQuietly(timeout, () -> count.get() >= expected);
    }

    private static void awaitQuietly(Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(20))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            System.out.println("Stopped waiting after " + timeout + ": " + e.getMessage());
        }
    }

    private String token(String username) throws Exception {
        HttpResponse<String> response = api(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + DataGenerator.PASSWORD
                        + "\",\"name\":\"bench\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Token request failed: " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("token").asString();
    }

    private HttpResponse<String> api(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return api(baseUrl, method, path, token, body);
    }

    /** A request to the REST API of the node at {@code node} (its base URL). */
    private HttpResponse<String> api(String node, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void checkDeadline() {
        if (System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException("The run exceeded its time limit of " + config.deadline());
        }
    }

    // ---- report --------------------------------------------------------------------------------------------

    private String table() {
        StringBuilder out = new StringBuilder("| scenario | figure | budget | result |\n| --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(row.scenario())
                    .append(" | ")
                    .append(row.figure())
                    .append(" | ")
                    .append(row.budget())
                    .append(" | ")
                    .append(row.pass() ? "pass" : "**FAIL**")
                    .append(" |\n");
        }
        return out.toString();
    }

    private String header(String command, String load, Duration took) throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal"))
                .map(l -> String.format("%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .findFirst()
                .orElse("unknown");
        int cores = Runtime.getRuntime().availableProcessors();
        String setUp =
                switch (config.mode()) {
                    case SQLITE -> "";
                    case POSTGRESQL ->
                        String.format(
                                " One Parley node on PostgreSQL %s (a database made for the run, dropped at its end),"
                                        + " on the same machine: PostgreSQL shares the %d cores with the node and the"
                                        + " harness.",
                                postgresVersion(), cores);
                    case CLUSTER ->
                        String.format(
                                " Two Parley nodes (two processes of the same jar) on one PostgreSQL %s database made"
                                        + " for the run, with Redis between them (cluster name %s), all on this"
                                        + " machine: **the %d cores are shared by every process: both nodes,"
                                        + " PostgreSQL, Redis and the harness.** The harness connects each browser"
                                        + " straight to its node's port, with no load balancer.",
                                postgresVersion(), clusterName, cores);
                    case OPENSEARCH ->
                        String.format(
                                " Two Parley nodes on one PostgreSQL %s database made for the run, with Redis between"
                                        + " them, and their message index in one single-node OpenSearch %s (%s of"
                                        + " heap; started from Maven Central's jars, as the tests start it), all on"
                                        + " this machine: **the %d cores are shared by every process.** Node 1"
                                        + " builds the index; node 2 starts once it is built.",
                                postgresVersion(), openSearchVersion(), OPENSEARCH_HEAP, cores);
                };
        return String.format(
                Locale.ROOT,
                "Run on %s%s: %d cores, %s memory, JDK %s (server and harness), load average %s at the start"
                        + " (`/proc/loadavg`: 1, 5 and 15 minutes; other work on the machine shows here).%s"
                        + " Command: `%s` (took %d s).%n%n",
                LocalDate.now(),
                config.quick() ? " (quick: scaled-down sizes, budgets are for the full run)" : "",
                cores,
                memory,
                System.getProperty("java.version"),
                String.join(", ", List.of(load.split(" ")).subList(0, 3)),
                setUp,
                command,
                took.toSeconds());
    }

    /** The run's OpenSearch's version, for the report. */
    private String openSearchVersion() throws IOException {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(OpenSearchTestServer.forLoad(OPENSEARCH_HEAP)
                                    .url())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body()).path("version").path("number").asString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** The PostgreSQL server's version, for the report. */
    private static String postgresVersion() {
        try (java.sql.Connection db =
                        java.sql.DriverManager.getConnection(PostgresTestDatabase.SERVER + "postgres", "postgres", "");
                java.sql.Statement sql = db.createStatement();
                java.sql.ResultSet version = sql.executeQuery("SHOW server_version")) {
            version.next();
            return version.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's version", e);
        }
    }

    /**
     * Replaces the generated part of the report, between the markers {@code <!-- marker:start -->} and {@code <!--
     * marker:end -->}, keeping the hand-written rest; a report without them gets them at its end.
     */
    private static void writeReport(Path report, String marker, String generated) throws IOException {
        String start = "<!-- " + marker + ":start -->";
        String end = "<!-- " + marker + ":end -->";
        String existing =
                Files.exists(report) ? Files.readString(report) : "# Benchmarks\n\n" + start + "\n" + end + "\n";
        int from = existing.indexOf(start);
        int to = existing.indexOf(end);
        if (from < 0 || to < 0) {
            existing = existing + "\n" + start + "\n" + end + "\n";
            from = existing.indexOf(start);
            to = existing.indexOf(end);
        }
        Files.writeString(
                report, existing.substring(0, from + start.length()) + "\n" + generated + existing.substring(to));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
