package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** A Parley production jar in a child process, bound to 127.0.0.1, with the benchmark's ceiling endpoint. */
final class ParleyServer implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final int port;
    private final long startNanos;

    private ParleyServer(Process process, int port, long startNanos) {
        this.process = process;
        this.port = port;
        this.startNanos = startNanos;
    }

    static ParleyServer start(Path jar, Path dataDir, int port, String maxHeap, Path log, Path recording)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx" + maxHeap,
                "-XX:+UseG1GC",
                "-XX:StartFlightRecording=filename=" + recording,
                "-jar",
                jar.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--parley.data-dir=" + dataDir,
                "--parley.benchmark.ceiling-endpoint=true",
                "--logging.level.root=WARN",
                "--logging.level.dev.parley=INFO"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ParleyServer(process, port, start);
    }

    /** Waits for the first HTTP 200 and returns the time since the process started. */
    Duration awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Awaitility.await("Parley answering on " + baseUrl())
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "Parley exited with " + process.exitValue() + "; see the server log");
                    }
                    return http.send(
                                            HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /**
     * Live heap once the server has settled: measured after full collections until two readings in a row agree
     * within 1% (at most five), so that work still queued from the last connections does not count.
     */
    long settledLiveHeapBytes() throws IOException, InterruptedException {
        long previous = liveHeapBytes();
        for (int i = 0; i < 4; i++) {
            long current = liveHeapBytes();
            if (Math.abs(current - previous) <= previous / 100) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /** Live heap after full collections, in bytes, read with jcmd. */
    long liveHeapBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher matcher = HEAP_USED.matcher(info);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected GC.heap_info output: " + info);
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /** Writes the live objects by class (jcmd GC.class_histogram) to a file, for the report's evidence. */
    void classHistogram(Path file) throws IOException, InterruptedException {
        java.nio.file.Files.writeString(file, jcmd("GC.class_histogram"));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
