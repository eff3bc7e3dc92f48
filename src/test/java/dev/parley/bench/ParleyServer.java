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
import org.jspecify.annotations.Nullable;

/**
 * A Parley production jar in a child process, bound to 127.0.0.1, with the benchmark's ceiling endpoint; the fault
 * tests (dev.parley.faults) start, stop and kill it too.
 */
public final class ParleyServer implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final int port;
    private final long startNanos;

    private ParleyServer(Process process, int port, long startNanos) {
        this.process = process;
        this.port = port;
        this.startNanos = startNanos;
    }

    /**
     * How the jar is launched: the plain {@code java -jar parley.jar}, or the extracted jar with the JDK's
     * ahead-of-time cache from a training run, as the README recommends for production.
     */
    public record Launch(Path jar, @Nullable Path aotCache) {

        public static Launch plain(Path jar) {
            return new Launch(jar, null);
        }

        List<String> options() {
            return aotCache == null ? List.of() : List.of("-XX:AOTCache=" + aotCache);
        }
    }

    /**
     * Extracts the jar into {@code folder} and makes its AOT cache with a training run that starts the application up
     * to a refreshed context on {@code dataDir} (which also creates the schema there, or in the database that
     * {@code settings} name) and exits.
     */
    static Launch trainAotCache(Path jar, Path folder, Path dataDir, Path log, List<String> settings)
            throws IOException, InterruptedException {
        run(
                log,
                javaExecutable(),
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                folder.toString());
        Path extracted = folder.resolve(jar.getFileName());
        Path cache = folder.resolve("parley.aot");
        List<String> training = new ArrayList<>(List.of(
                javaExecutable(),
                "-XX:AOTCacheOutput=" + cache,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                extracted.toString(),
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--parley.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        training.addAll(settings);
        run(log, training.toArray(String[]::new));
        if (!java.nio.file.Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run wrote no AOT cache; see the server log");
        }
        return new Launch(extracted, cache);
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("Timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "Exit " + process.exitValue() + ": " + String.join(" ", command) + "; see the server log");
        }
    }

    /**
     * Starts the server; with a {@code recording} file it runs under Flight Recorder (which adds seconds to start-up
     * and does not work with an AOT cache trained without it, so start-up is measured without). {@code settings} go on
     * its command line ({@code --name=value}) after the harness's own.
     */
    public static ParleyServer start(
            Launch launch,
            Path dataDir,
            int port,
            String maxHeap,
            Path log,
            @Nullable Path recording,
            String... settings)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(launch.options());
        command.addAll(List.of("-Xmx" + maxHeap, "-XX:+UseG1GC"));
        if (recording != null) {
            command.add("-XX:StartFlightRecording=filename=" + recording);
        }
        command.addAll(List.of(
                "-jar",
                launch.jar().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--parley.data-dir=" + dataDir,
                "--parley.benchmark.ceiling-endpoint=true",
                // The harness posts hundreds of messages a second as one sender.
                "--parley.messages.rate-limit.capacity=1000000",
                "--parley.api.rate-limit.capacity=1000000",
                "--parley.api.rate-limit.anonymous-capacity=1000000",
                // It signs in thousands of browsers from one address, all at once.
                "--parley.sign-in-limit.account-failures=1000000",
                "--parley.sign-in-limit.address-failures=1000000",
                "--logging.level.root=WARN",
                "--logging.level.dev.parley=INFO"));
        command.addAll(List.of(settings));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ParleyServer(process, port, start);
    }

    /** Waits for the first HTTP 200 and returns the time since the process started. */
    public Duration awaitReady(Duration timeout) {
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

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The time since the process started. */
    public Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Kills the process at once, as {@code kill -9} does: nothing of Parley's own shutdown runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Parley did not die within 20 s of SIGKILL");
        }
    }

    public int port() {
        return port;
    }

    /**
     * Live heap once the server has settled: measured after full collections until two readings in a row agree within
     * 1% (at most five), so that work still queued from the last connections does not count.
     */
    public long settledLiveHeapBytes() throws IOException, InterruptedException {
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
    public void classHistogram(Path file) throws IOException, InterruptedException {
        java.nio.file.Files.writeString(file, jcmd("GC.class_histogram"));
    }

    /** Writes the live objects to an HPROF file (jcmd GC.heap_dump, after a full collection). */
    void heapDump(Path file) throws IOException, InterruptedException {
        jcmd("GC.heap_dump " + file.toAbsolutePath());
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the process to end by itself and returns how long it ran, from its start.
     *
     * @throws IllegalStateException when it is still running after {@code timeout} (it is then killed)
     */
    public Duration awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Parley was still running after " + timeout + "; killed");
        }
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The exit code of a process that has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Sends SIGTERM, as a service manager stops Parley, and returns how long it took to exit.
     *
     * @throws IllegalStateException when it is still running after {@code timeout} (it is then killed)
     */
    public Duration terminate(Duration timeout) throws InterruptedException {
        long sent = System.nanoTime();
        process.destroy();
        awaitExit(timeout);
        return Duration.ofNanos(System.nanoTime() - sent);
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

    /** Stops the process as SIGTERM does, waiting up to 20 s before killing it. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
