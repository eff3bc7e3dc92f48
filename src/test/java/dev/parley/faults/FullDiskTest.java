package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parley.bench.ParleyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full disk, for real: Parley's production jar with its data folder on a 30 MB tmpfs that this test mounts (it needs
 * root, as CI has). The disk is filled up to the last 64 KB while four API clients post; every post answered 201 must
 * be stored exactly once and none answered 503 "Storage is full" at all. Then space is freed, and posting must resume
 * without a restart. The figures go to docs/reliability.md ("A full disk").
 */
class FullDiskTest {

    private static final String NOT_STORED = "Storage is full: the message was not stored";
    private static final int CLIENTS = 4;
    private static final int REFUSALS = 200;
    /** What the filler leaves free: a few WAL frames' worth, so that some posts still fit and then none do. */
    private static final long LEFT_FREE = 64 * 1024;

    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Posts by what they were told: 201, 503 "Storage is full", or anything else ({@code other}, with
     * {@code otherAnswers} its statuses and bodies).
     */
    private record Outcomes(
            List<String> accepted, List<String> refused, List<String> other, List<String> otherAnswers) {}

    private record Answer(int status, JsonNode body) {

        String error() {
            return body.path("error").asString();
        }
    }

    @Test
    void on_a_full_disk_refused_posts_are_never_stored_accepted_ones_once_and_posting_resumes_by_itself()
            throws Exception {
        requireRoot();
        Path jar =
                Path.of(System.getProperty("parley.jar", "target/parley.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar: run ./mvnw -Pfaults verify").isRegularFile();
        Path work = Files.createDirectories(
                Path.of("target", "faults", "full-disk-" + UUID.randomUUID()).toAbsolutePath());
        Path disk = Files.createDirectories(work.resolve("disk"));
        run("mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", disk.toString());
        try {
            try (ParleyServer server = ParleyServer.start(
                    ParleyServer.Launch.plain(jar),
                    disk.resolve("data"),
                    freePort(),
                    "1g",
                    work.resolve("server.log"),
                    null)) {
                server.awaitReady(Duration.ofMinutes(3));
                fillThenFree(server.baseUrl(), disk);
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    private void fillThenFree(String base, Path disk) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            tokens.add(
                    signUp(base, "full" + c + "-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        Path filler = disk.resolve("filler");
        fill(filler, disk);

        AtomicInteger refusals = new AtomicInteger();
        List<Outcomes> outcomes = new ArrayList<>();
        long fullStart = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<Outcomes>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String token = tokens.get(c);
                String prefix = "client" + c + "-";
                running.add(clients.submit(() -> postUntilRefused(base, token, prefix, refusals)));
            }
            for (Future<Outcomes> client : running) {
                outcomes.add(client.get(5, TimeUnit.MINUTES));
            }
        }
        Duration fullFor = Duration.ofNanos(System.nanoTime() - fullStart);

        Answer fullUpload = upload(base, tokens.getFirst(), "file while full");
        Answer fullHealth = get(base, "/actuator/health", null);

        Files.delete(filler);
        long freedAt = System.nanoTime();
        boolean healthUp = awaitHealthUp(base, Duration.ofSeconds(30));
        Outcomes resumed = new Outcomes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int c = 0; c < CLIENTS; c++) {
            for (int i = 0; i < 5; i++) {
                record(resumed, "resumed-" + c + "-" + i, post(base, tokens.get(c), "resumed-" + c + "-" + i));
            }
        }
        Duration resumedIn = Duration.ofNanos(System.nanoTime() - freedAt);
        record(resumed, "file after freeing", upload(base, tokens.getFirst(), "file after freeing"));

        Outcomes whileFull = new Outcomes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Outcomes client : outcomes) {
            whileFull.accepted().addAll(client.accepted());
            whileFull.refused().addAll(client.refused());
            whileFull.other().addAll(client.other());
            whileFull.otherAnswers().addAll(client.otherAnswers());
        }
        Map<String, Integer> stored = new HashMap<>();
        List<Long> seqs = new ArrayList<>();
        for (JsonNode message : history(base, tokens.getFirst())) {
            stored.merge(message.path("body").asString(), 1, Integer::sum);
            seqs.add(message.path("seq").asLong());
        }
        System.out.printf(
                "Full disk: %d clients, %d s with the disk full. Answered 201: %d, stored %s. Answered 503 \"%s\": %d,"
                        + " stored %s. Other answers: %d %s, stored %s. An upload: %d \"%s\"; health %d %s."
                        + " Space freed: health UP %s; %d posts after: answered 201 %d, stored %s; other answers %s,"
                        + " stored %s; within %d ms, without a restart.%n",
                CLIENTS,
                fullFor.toSeconds(),
                whileFull.accepted().size(),
                timesStored(whileFull.accepted(), stored),
                NOT_STORED,
                whileFull.refused().size(),
                timesStored(whileFull.refused(), stored),
                whileFull.other().size(),
                statuses(whileFull.otherAnswers()),
                timesStored(whileFull.other(), stored),
                fullUpload.status(),
                fullUpload.error(),
                fullHealth.status(),
                fullHealth.body().path("components").path("storage"),
                healthUp,
                resumed.accepted().size() + resumed.other().size(),
                resumed.accepted().size(),
                timesStored(resumed.accepted(), stored),
                statuses(resumed.otherAnswers()),
                timesStored(resumed.other(), stored),
                resumedIn.toMillis());

        assertThat(whileFull.otherAnswers())
                .as("answers other than 201 and 503 \"%s\"", NOT_STORED)
                .isEmpty();
        assertThat(whileFull.refused()).hasSizeGreaterThanOrEqualTo(REFUSALS);
        assertThat(whileFull.accepted()).as("answered 201, stored once").allMatch(b -> stored.getOrDefault(b, 0) == 1);
        assertThat(whileFull.refused()).as("answered 503, stored all the same").noneMatch(stored::containsKey);
        assertThat(fullUpload.status()).isEqualTo(503);
        assertThat(fullUpload.error()).startsWith("Storage is full:");
        assertThat(fullHealth.status()).isEqualTo(503);
        JsonNode storage = fullHealth.body().path("components").path("storage");
        assertThat(storage.path("status").asString()).isEqualTo("DOWN");
        assertThat(storage.path("description").asString()).startsWith("The disk is full");
        assertThat(healthUp).as("the health check UP after space was freed").isTrue();
        assertThat(resumed.otherAnswers()).as("posts after space was freed").isEmpty();
        assertThat(resumed.accepted())
                .as("posted after space was freed, stored once")
                .allMatch(b -> stored.getOrDefault(b, 0) == 1);
        assertThat(stored.keySet())
                .containsExactlyInAnyOrderElementsOf(concat(whileFull.accepted(), resumed.accepted()));
        assertThat(seqs)
                .as("numbered without gaps")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, seqs.size()).boxed().toList());
    }

    /** Files an answer to a post under its outcome. */
    private static void record(Outcomes outcomes, String body, Answer answer) {
        if (answer.status() == 201) {
            outcomes.accepted().add(body);
        } else if (answer.status() == 503 && NOT_STORED.equals(answer.error())) {
            outcomes.refused().add(body);
        } else {
            outcomes.other().add(body);
            outcomes.otherAnswers().add(answer.status() + " " + answer.body());
        }
    }

    /** How many of these posts are stored how many times: {@code {0=3, 1=70}}. */
    private static Map<Integer, Long> timesStored(List<String> bodies, Map<String, Integer> stored) {
        return bodies.stream()
                .collect(Collectors.groupingBy(b -> stored.getOrDefault(b, 0), TreeMap::new, Collectors.counting()));
    }

    /** How many answers had each status: {@code {302=203}}. */
    private static Map<String, Long> statuses(List<String> answers) {
        return answers.stream()
                .collect(Collectors.groupingBy(a -> a.split(" ", 2)[0], TreeMap::new, Collectors.counting()));
    }

    private boolean awaitHealthUp(String base, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(base, "/actuator/health", null).status() == 200) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * Posts until the clients together have had {@value #REFUSALS} posts refused (or answered anything but 201), or for
     * three minutes at the most.
     */
    private Outcomes postUntilRefused(String base, String token, String prefix, AtomicInteger refusals)
            throws IOException, InterruptedException {
        Outcomes outcomes = new Outcomes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        // Long enough that the last pages fill within a few dozen posts.
        String padding = " " + "x".repeat(300);
        for (int i = 0; refusals.get() < REFUSALS && System.nanoTime() < deadline; i++) {
            String body = prefix + i + padding;
            Answer answer = post(base, token, body);
            record(outcomes, body, answer);
            if (answer.status() != 201) {
                refusals.incrementAndGet();
            }
        }
        return outcomes;
    }

    /** Writes zeros to {@code filler} until only {@value #LEFT_FREE} bytes of the file system are left. */
    private static void fill(Path filler, Path disk) throws IOException {
        long toWrite = Files.getFileStore(disk).getUsableSpace() - LEFT_FREE;
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (toWrite > 0) {
                int length = (int) Math.min(chunk.length, toWrite);
                out.write(chunk, 0, length);
                toWrite -= length;
            }
        }
    }

    private String signUp(String base, String username) throws IOException, InterruptedException {
        String password = "full-disk-password";
        Answer registered = send(
                base,
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + username + "\",\"displayName\":\"Full Disk\",\"password\":\"" + password + "\"}");
        assertThat(registered.status()).as("sign-up: %s", registered.body()).isEqualTo(201);
        Answer token = send(
                base,
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"name\":\"full disk\"}");
        assertThat(token.status()).isEqualTo(201);
        return token.body().path("token").asString();
    }

    private Answer post(String base, String token, String body) throws IOException, InterruptedException {
        return send(base, "POST", "/api/rooms/general/messages", token, "{\"body\":\"" + body + "\"}");
    }

    private Answer get(String base, String path, @Nullable String token) throws IOException, InterruptedException {
        return send(base, "GET", path, token, null);
    }

    private Answer send(String base, String method, String path, @Nullable String token, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts {@code text} with a small text file, as multipart/form-data. */
    private Answer upload(String base, String token, String text) throws IOException, InterruptedException {
        String boundary = "parley-" + UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n" + text + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"notes.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\nSome notes, in plain text.\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/rooms/general/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Answer answer(HttpResponse<String> response) {
        String text = response.body();
        JsonNode body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
        return new Answer(response.statusCode(), body);
    }

    /** Every message of {@code general}, oldest first. */
    private List<JsonNode> history(String base, String token) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            Answer page = get(base, "/api/rooms/general/messages?limit=100&after=" + after, token);
            assertThat(page.status()).isEqualTo(200);
            if (page.body().isEmpty()) {
                return Collections.unmodifiableList(all);
            }
            page.body().forEach(all::add);
            after = all.getLast().path("seq").asLong();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** Mounting a file system needs root; CI runs as root. Not a skip: the fault suite must run where it is run. */
    private static void requireRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        if (!uid.equals("0")) {
            fail("FullDiskTest mounts a 30 MB tmpfs and so must run as root (uid 0), as CI does; this is uid " + uid);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
