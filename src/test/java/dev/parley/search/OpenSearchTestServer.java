package dev.parley.search;

import static org.awaitility.Awaitility.await;

import dev.parley.files.S3TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * OpenSearch, a real single-node search server, on free ports of 127.0.0.1 in a JVM of its own, one for the whole test
 * run: started by the first test that asks for it, stopped when the test JVM ends. Its home is the folder the build
 * lays out in {@code target/opensearch} from Maven Central's jars (the {@code parley.test.opensearch-home} property
 * names it); its Lucene and Jackson would clash with Hibernate Search's on Parley's class path. Each run keeps its
 * data, its configuration and its log in a new folder {@code target/opensearch/run-*}. OpenSearch refuses to run as
 * root: when the tests do (as in the CI container), it runs as {@code nobody} through {@code setpriv}.
 */
public final class OpenSearchTestServer {

    /** The user OpenSearch runs as when the tests run as root: it refuses to run as root itself. */
    private static final String UNPRIVILEGED_USER = "nobody";

    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private static OpenSearchTestServer running;

    private final Process process;
    private final URI url;
    private final Path log;

    private OpenSearchTestServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The server of this test run, started on first use. */
    public static synchronized OpenSearchTestServer get() {
        if (running == null) {
            running = start(TEST_JVM);
        }
        return running;
    }

    /**
     * The server of this run for the load harness, started on first use: with {@code heap} and the JVM's full JIT and
     * default collector, as OpenSearch serves, where the tests' is small and quick to start.
     */
    public static synchronized OpenSearchTestServer forLoad(String heap) {
        if (running == null) {
            running = start(List.of("-Xms" + heap, "-Xmx" + heap));
        }
        return running;
    }

    /** A test server: small, and quick to start on a busy machine of 2 cores. */
    private static final List<String> TEST_JVM =
            List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** {@code http://127.0.0.1:<port>}, its REST API. */
    public URI url() {
        return url;
    }

    /** Its log file, for failure messages. */
    public Path log() {
        return log;
    }

    /** The settings that point a node's search at this server, as an operator gives them. */
    public Map<String, String> settings() {
        return Map.of("parley.search.opensearch.url", url.toString());
    }

    private static OpenSearchTestServer start(List<String> jvm) {
        Path home = Path.of(System.getProperty("parley.test.opensearch-home", "target/opensearch"))
                .toAbsolutePath();
        if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("modules"))) {
            throw new IllegalStateException("OpenSearch is not laid out in " + home + ": run the tests through Maven"
                    + " (./mvnw test), whose dependency plugin copies its jars there");
        }
        try {
            // OpenSearch looks for (and makes, if missing) these in its home; made here, it only reads them.
            Files.createDirectories(home.resolve("plugins"));
            Files.createDirectories(home.resolve("bin"));
            Path run = Files.createTempDirectory(home, "run-");
            Path config = Files.createDirectories(run.resolve("config"));
            // Its own copy: OpenSearch writes its keystore into its configuration folder.
            try (Stream<Path> files = Files.list(home.resolve("config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, config.resolve(file.getFileName()));
                }
            }
            Path data = Files.createDirectories(run.resolve("data"));
            Path logs = Files.createDirectories(run.resolve("logs"));
            Path tmp = Files.createDirectories(run.resolve("tmp"));
            Path log = run.resolve("opensearch.log");
            int httpPort = S3TestServer.freePort();
            int transportPort = S3TestServer.freePort();

            List<String> command = new ArrayList<>();
            if (isRoot()) {
                handOver(run);
                // setpriv executes java in its own place: the process the tests hold is OpenSearch's JVM itself.
                command.addAll(List.of(
                        "setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups"));
            }
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvm);
            command.addAll(List.of(
                    "--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + tmp,
                    "-Dopensearch.path.home=" + home,
                    "-Dopensearch.path.conf=" + config,
                    "-Dopensearch.distribution.type=tar",
                    "-Dopensearch.bundled_jdk=false",
                    "-cp",
                    home.resolve("lib") + "/*",
                    "org.opensearch.bootstrap.OpenSearch",
                    "-Ehttp.port=" + httpPort,
                    "-Etransport.port=" + transportPort,
                    "-Epath.data=" + data,
                    "-Epath.logs=" + logs));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop OpenSearch"));
            OpenSearchTestServer server =
                    new OpenSearchTestServer(process, URI.create("http://127.0.0.1:" + httpPort), log);
            server.awaitReady(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start OpenSearch from " + home, e);
        }
    }

    /** Kills the JVM and anything it started, and waits for it to go, so that no server outlives the tests. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this JVM runs as root (user id 0), as it does in the CI container. */
    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** Gives the run's folder, and everything in it, to the user OpenSearch runs as. */
    private static void handOver(Path run) throws IOException {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        var user = users.lookupPrincipalByName(UNPRIVILEGED_USER);
        var group = users.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
        try (Stream<Path> paths = Files.walk(run)) {
            for (Path path : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    /** Waits until the cluster's health is yellow or green; fails at once if the server has stopped. */
    private void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            await("OpenSearch answering on " + url + " (its log: " + log + ")")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "OpenSearch stopped with exit code " + process.exitValue() + "; its log: " + log);
                        }
                        return http.send(health, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    });
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }
}
