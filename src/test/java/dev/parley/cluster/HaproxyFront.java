package dev.parley.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Debian's HAProxy running the shipped {@code deploy/haproxy.cfg} on a free port of 127.0.0.1, in front of the nodes
 * given, until {@link #close}. Its log goes to {@code target/haproxy/}. Which node serves a request is told by the
 * {@code PARLEY_NODE} cookie the configuration sets ({@code node1}, {@code node2}).
 */
final class HaproxyFront implements AutoCloseable {

    static final String COOKIE = "PARLEY_NODE";
    static final Path CONFIGURATION = Path.of("deploy", "haproxy.cfg");

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy"));
    private static final Pattern NODE_COOKIE = Pattern.compile(COOKIE + "=([^;]*)");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HaproxyFront(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts HAProxy with {@code node1} at {@code node1Port} and {@code node2} at {@code node2Port} of 127.0.0.1. */
    static HaproxyFront start(int node1Port, int node2Port) throws IOException {
        Path binary = binary();
        int port = freePort();
        Path folder = Files.createDirectories(Path.of("target", "haproxy"));
        Path log = folder.resolve("haproxy-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        binary.toString(),
                        "-db",
                        "-f",
                        CONFIGURATION.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "PARLEY_LISTEN", "127.0.0.1:" + port,
                        "PARLEY_NODE1", "127.0.0.1:" + node1Port,
                        "PARLEY_NODE2", "127.0.0.1:" + node2Port));
        HaproxyFront front = new HaproxyFront(builder.start(), port, log);
        try {
            await("HAProxy listening on 127.0.0.1:" + port + " (its log: " + log + ")")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!front.process.isAlive()) {
                            throw new IllegalStateException("HAProxy stopped with exit code "
                                    + front.process.exitValue() + ": " + Files.readString(log));
                        }
                        return front.accepts();
                    });
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
        return front;
    }

    private static Path binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "haproxy"));
        return Stream.concat(onPath, BINARIES.stream())
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("HAProxy is not installed: apt-get install haproxy"
                        + " (Debian's 2.6; .ci/run installs it when it is missing)"));
    }

    /** A port of 127.0.0.1 free now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** An address through HAProxy. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * The node HAProxy gives a request carrying {@code PARLEY_NODE=<cookie>} (none: a new browser): the node the cookie
     * names while HAProxy counts it up, another one when it is down.
     */
    String nodeFor(@Nullable String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/actuator/health/liveness")))
                .timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        try {
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("HAProxy answered " + answer.statusCode() + "; its log: " + log);
            }
            return answer.headers().allValues("Set-Cookie").stream()
                    .map(NODE_COOKIE::matcher)
                    .filter(Matcher::find)
                    .map(found -> found.group(1))
                    .findFirst()
                    .orElseGet(() -> {
                        if (cookie == null) {
                            throw new IllegalStateException("HAProxy set no " + COOKIE + " cookie; its log: " + log);
                        }
                        return cookie;
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until HAProxy sends the browsers of {@code node} to it: its health checks found it ready. */
    void awaitServing(String node) {
        await(node + " taken in by HAProxy (its log: " + log + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                // 503 while HAProxy has no node up yet
                .ignoreExceptions()
                .until(() -> nodeFor(node).equals(node));
    }

    /** Waits until HAProxy sends the browsers of {@code node} elsewhere: its health checks found it out. */
    void awaitOut(String node) {
        await(node + " taken out by HAProxy (its log: " + log + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !nodeFor(node).equals(node));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
