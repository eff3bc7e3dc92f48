package dev.parley.files;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock, a real S3-compatible server, on a free port of 127.0.0.1 in a JVM of its own, one for the whole test run:
 * started by the first test that asks for it, stopped when the test JVM ends. Its jar is the one the build copies to
 * {@code target/s3mock} (the {@code parley.test.s3mock-jar} property names it); it is a Spring Boot application of its
 * own, whose libraries would clash with Parley's on one class path. Its objects live under {@code target/s3mock/}. Each
 * test application context gets a bucket of its own ({@link S3TestBucket}).
 */
public final class S3TestServer {

    /** Any key is accepted by S3Mock; these are what the tests sign with. */
    public static final String ACCESS_KEY = "parley-test";

    public static final String SECRET_KEY = "parley-test-secret";

    public static final String REGION = "us-east-1";

    private static S3TestServer running;

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3TestServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The server of this test run, started on first use. */
    public static synchronized S3TestServer get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A new, empty bucket with a name no other test uses. */
    public String createBucket() {
        String bucket = "parley-test-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
        return bucket;
    }

    /** A client of the server set up as Parley's is ({@link S3FileStore#client}); close it. */
    public S3Client client() {
        return S3FileStore.client(
                endpoint, REGION, StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** The settings that keep a node's files in {@code bucket} of this server, as an operator gives them. */
    public Map<String, String> settings(String bucket) {
        return settings(endpoint, bucket);
    }

    /** The same settings with another endpoint in front of this server (a proxy a test cuts). */
    public static Map<String, String> settings(URI endpoint, String bucket) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parley.files.s3.endpoint", endpoint.toString());
        settings.put("parley.files.s3.bucket", bucket);
        settings.put("parley.files.s3.region", REGION);
        settings.put("parley.files.s3.access-key", ACCESS_KEY);
        settings.put("parley.files.s3.secret-key", SECRET_KEY);
        return settings;
    }

    /** {@link #settings(String)} as command-line arguments of a node. */
    public List<String> arguments(String bucket) {
        return settings(bucket).entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toList();
    }

    private static S3TestServer start() {
        Path jar = Path.of(System.getProperty("parley.test.s3mock-jar", "target/s3mock/s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock's jar is not at " + jar.toAbsolutePath() + ": run the tests"
                    + " through Maven (./mvnw test), whose dependency plugin copies it there");
        }
        try {
            Path folder = Files.createDirectories(Path.of("target", "s3mock"));
            Path root = Files.createTempDirectory(folder, "objects-");
            Path log = Files.createTempFile(folder, "s3mock-", ".log");
            int port = freePort();
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // A test server: small, and quick to start on a busy machine of 2 cores.
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    // S3Mock's own launcher, told to run S3MockOnLoopback first (from the folder beside its jar).
                    "-Dloader.path=" + launcher(folder).toAbsolutePath(),
                    "-Dloader.main=" + S3MockOnLoopback.class.getName(),
                    "-cp",
                    jar.toAbsolutePath().toString(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher",
                    // Plain HTTP on the port the tests use; its second (HTTP) connector on a port of the system's
                    // choosing, unused; both on 127.0.0.1 only (S3MockOnLoopback).
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--server.ssl.enabled=false",
                    "--com.adobe.testing.s3mock.httpPort=0",
                    "--http.port=0",
                    "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath(),
                    "--logging.level.root=WARN");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop S3Mock"));
            S3TestServer server = new S3TestServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start S3Mock from " + jar, e);
        }
    }

    /**
     * A folder holding only {@link S3MockOnLoopback}'s classes, for S3Mock's class path: the test classes' own folder
     * would put all of Parley's tests beside S3Mock's libraries.
     */
    private static Path launcher(Path folder) throws IOException {
        Path launcher = folder.resolve("launcher");
        for (Class<?> type : List.of(S3MockOnLoopback.class, S3MockOnLoopback.LoopbackConnectors.class)) {
            String file = type.getName().replace('.', '/') + ".class";
            Path target = launcher.resolve(file);
            Files.createDirectories(target.getParent());
            try (var in =
                    Objects.requireNonNull(S3TestServer.class.getClassLoader().getResourceAsStream(file), file)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return launcher;
    }

    /** Waits until the server answers a request to list its buckets; fails at once if it has stopped. */
    private void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest list = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            await("S3Mock answering on " + endpoint + " (its log: " + log.toAbsolutePath() + ")")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Mock stopped with exit code " + process.exitValue()
                                    + "; its log: " + log.toAbsolutePath());
                        }
                        return http.send(list, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                < 500;
                    });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** A port of 127.0.0.1 nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
