package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.DataGenerator;
import dev.parley.bench.ParleyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of a production jar whose search index holds many messages, right after a burst of posts, then a restart on
 * the same data folder: every acknowledged post is found again, and search answers from the moment the server does,
 * while the index catches up. Prints the figures of docs/reliability.md. {@code -Dfaults.search.messages} sets the size
 * (200,000 by default), {@code -Dparley.jar} another jar (an earlier build, to compare).
 */
class IndexAfterKillFaultTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration START_UP = Duration.ofMinutes(5);
    private static final int POSTS = 200;
    private static final String WORD = "qzkilled";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void after_a_kill_every_post_is_found_again_and_search_answers_throughout() throws Exception {
        Path jar = Path.of(System.getProperty("parley.jar", "target/parley.jar"));
        int messages = Integer.getInteger("faults.search.messages", 200_000);
        Path work = Files.createDirectories(Path.of("target", "faults", "search-" + System.currentTimeMillis()));
        Path dataDir = work.resolve("data").toAbsolutePath();
        Path log = work.resolve("server.log");
        ParleyServer.Launch launch = ParleyServer.Launch.plain(jar);

        // Parley makes the schema, stops, and the generator fills it. The generator writes behind Parley's back, so the
        // empty index of that first start goes, and the next start builds it from scratch, as for a new instance.
        try (ParleyServer first = ParleyServer.start(launch, dataDir, freePort(), "2g", log, null)) {
            first.awaitReady(START_UP);
        }
        FileSystemUtils.deleteRecursively(dataDir.resolve("index"));
        new DataGenerator().generate(dataDir, 10, messages);

        ParleyServer killed = ParleyServer.start(launch, dataDir, freePort(), "2g", log, null);
        String token;
        Duration firstBuild;
        try {
            killed.awaitReady(START_UP);
            token = token(killed);
            firstBuild = awaitSearchAnswers(killed, token);
            for (int i = 1; i <= POSTS; i++) {
                HttpResponse<String> posted = request(
                        killed,
                        token,
                        "POST",
                        "/api/rooms/" + DataGenerator.HISTORY_ROOM + "/messages",
                        "{\"body\":\"" + WORD + " acknowledged post " + i + "\"}");
                assertThat(posted.statusCode()).as("post %d", i).isEqualTo(201);
            }
        } finally {
            // At once after the last acknowledged post: whatever the index had not committed yet is lost.
            killed.kill();
        }

        Files.writeString(log, "\n---- restart after kill -9 ----\n", StandardOpenOption.APPEND);
        long logStart = Files.size(log);
        try (ParleyServer restarted = ParleyServer.start(launch, dataDir, freePort(), "2g", log, null)) {
            Duration ready = restarted.awaitReady(START_UP);
            Map<Integer, Integer> answers = new TreeMap<>();
            @Nullable String firstAnswer = null;
            @Nullable Duration searchable = null;
            @Nullable Duration complete = null;
            while (complete == null && restarted.sinceStart().compareTo(START_UP) < 0) {
                HttpResponse<String> found = search(restarted, token, WORD);
                answers.merge(found.statusCode(), 1, Integer::sum);
                if (firstAnswer == null) {
                    firstAnswer = found.statusCode() + " after " + seconds(restarted.sinceStart());
                }
                if (found.statusCode() == 200) {
                    if (searchable == null) {
                        searchable = restarted.sinceStart();
                    }
                    if (JSON.readTree(found.body()).path("total").asLong() == POSTS) {
                        complete = restarted.sinceStart();
                    }
                }
                Thread.sleep(100);
            }
            String caughtUp = Files.readString(log)
                    .substring((int) logStart)
                    .lines()
                    .filter(line -> line.contains("Search index caught up") || line.contains("Search index built"))
                    .findFirst()
                    .orElse("(no catch-up or build logged)");
            System.out.printf(
                    "%nsearch after kill -9, %,d messages (+%d posted just before), %s:%n"
                            + "  first start-up: index built, search answering after %.1f s%n"
                            + "  restart: HTTP 200 after %.1f s, first search answer %s, search answering 200 after %s,"
                            + " all %d posts found after %s%n  search answers, every 100 ms until then: %s%n  %s%n%n",
                    messages,
                    POSTS,
                    jar,
                    firstBuild.toMillis() / 1000.0,
                    ready.toMillis() / 1000.0,
                    firstAnswer,
                    seconds(searchable),
                    POSTS,
                    seconds(complete),
                    answers,
                    caughtUp.substring(Math.max(0, caughtUp.indexOf(": ") + 2)));

            assertThat(complete).as("every acknowledged post found again").isNotNull();
            // From the first HTTP 200 on, search never said "being built": it answered from the index it had.
            assertThat(answers).containsOnlyKeys(200);
        }
    }

    /** Waits until search stops answering 503 ("being built") and returns the time since the server started. */
    private Duration awaitSearchAnswers(ParleyServer server, String token) throws Exception {
        while (server.sinceStart().compareTo(START_UP) < 0) {
            if (search(server, token, "deploy").statusCode() == 200) {
                return server.sinceStart();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Search did not answer within " + START_UP);
    }

    private String token(ParleyServer server) throws Exception {
        HttpResponse<String> response = request(
                server,
                null,
                "POST",
                "/api/auth/token",
                "{\"username\":\"" + DataGenerator.SENDER + "\",\"password\":\"" + DataGenerator.PASSWORD
                        + "\",\"name\":\"faults\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        return body.path("token").asString();
    }

    private HttpResponse<String> search(ParleyServer server, String token, String query) throws Exception {
        return request(
                server,
                token,
                "GET",
                "/api/search?limit=1&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                null);
    }

    private HttpResponse<String> request(
            ParleyServer server, @Nullable String token, String method, String path, @Nullable String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String seconds(@Nullable Duration duration) {
        return duration == null ? "never" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
