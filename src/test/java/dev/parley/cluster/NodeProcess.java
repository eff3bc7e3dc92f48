package dev.parley.cluster;

import static org.awaitility.Awaitility.await;

import dev.parley.Application;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Parley node in a JVM of its own, so that a test can kill it as {@code kill -9} does: the test JVM's own java runs
 * {@link Application} from this build's classes and libraries (the normal suite runs before the jar is packaged), less
 * the test classes, so that no test resource reaches the node. Its output goes to a log file under {@code target/} that
 * failures name. {@link #close} kills it if it still runs, and so does a shutdown hook of the test JVM if nothing else
 * did: a node left running would hold its port and its database.
 */
final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killer;

    private NodeProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "kill " + name);
    }

    /**
     * Starts node {@code name}, which is to listen on {@code port} of 127.0.0.1, with these command-line
     * {@code settings}, its output to a new {@code target/cluster-nodes/<name>-….log}; it is not ready yet
     * ({@link #awaitReady}).
     */
    static NodeProcess start(String name, int port, String... settings) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "cluster-nodes"));
        Path log = Files.createTempFile(folder, name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A node of a test: small, and quick to start on a busy machine of 2 cores.
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                applicationClassPath(),
                Application.class.getName()));
        command.addAll(Arrays.asList(settings));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        NodeProcess node = new NodeProcess(name, process, port, log);
        Runtime.getRuntime().addShutdownHook(node.killer);
        return node;
    }

    /**
     * This run's class path less the test classes. Surefire's fork runs from a jar that names the class path in its
     * manifest, and gives the class path itself in {@code surefire.test.class.path} ({@code java.class.path} is set to
     * the same there); elsewhere (an IDE) {@code java.class.path} is it. The libraries of the tests stay on it (nothing
     * here says which entries are test-scoped), as they are for the nodes that run in the tests' JVM.
     */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path testClasses = codeSource(NodeProcess.class);
        Path mainClasses = codeSource(Application.class);
        List<String> entries = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(testClasses))
                .toList();
        if (entries.stream()
                .noneMatch(entry -> Path.of(entry).toAbsolutePath().normalize().equals(mainClasses))) {
            throw new IllegalStateException("The class path of this JVM has no " + mainClasses + ": " + classPath);
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the node's readiness answers 200, as HAProxy's checks do; fails at once if it has stopped. */
    NodeProcess awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                .timeout(Duration.ofSeconds(5))
                .build();
        await(name + " ready on port " + port + " (its log: " + log.toAbsolutePath() + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " stopped with exit code " + process.exitValue()
                                + "; its log: " + log.toAbsolutePath());
                    }
                    return http.send(readiness, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
        return this;
    }

    /** Kills the node with SIGKILL ({@link Process#destroyForcibly} on Linux), as {@code kill -9} does. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 20 s of SIGKILL; its log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The node's output, for failure messages. */
    Path log() {
        return log.toAbsolutePath();
    }

    /** Kills the node if it still runs. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway.
        }
    }
}
