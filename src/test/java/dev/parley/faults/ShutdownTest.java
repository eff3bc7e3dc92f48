package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.bench.ParleyServer;
import dev.parley.bench.VaadinClient;
import dev.parley.e2e.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM while messages pour in, some browsers read them, some have stopped reading their push sockets and some
 * clients send their request bodies a few bytes at a time: Parley is gone within 30 s, every post it acknowledged is
 * stored once, and nothing runs against a closed database on the way out.
 */
class ShutdownTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofMinutes(3);
    private static final int READING_BROWSERS = 2;
    private static final int STUCK_BROWSERS = 4;
    private static final int SLOW_UPLOADS = 4;
    private static final int POSTERS = 4;
    private static final Duration FLOOD = Duration.ofSeconds(20);

    /** A JVM's exit code when SIGTERM ended it after its shutdown hooks had finished: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    /** A browser that never gets to look at what it is sent. */
    private static final VaadinClient.Receiver IGNORED = new VaadinClient.Receiver() {
        @Override
        public void marker(long id, long nanos) {}

        @Override
        public void seq(long seq) {}
    };

    @Test
    void sigterm_under_a_flood_and_stuck_clients_ends_within_30_s_keeping_every_acknowledged_post() throws Exception {
        Path work = FaultServers.workFolder("shutdown");
        Path data = work.resolve("data");
        Path log = work.resolve("server.log");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        // Answers other than 201 (503 while stopping), and posts that got no answer a client could read.
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        String alice;
        Duration shutdown;
        int exit;
        try (ParleyServer server = FaultServers.start(data, FaultServers.freePort(), log)) {
            server.awaitReady(START);
            ApiClient api = new ApiClient(server.port(), JSON);
            alice = api.register("alice");
            String token = api.token(alice);
            List<VaadinClient> browsers = new ArrayList<>();
            List<SlowUpload> uploads = new ArrayList<>();
            ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
            AtomicBoolean flooding = new AtomicBoolean(true);
            try {
                for (int i = 0; i < READING_BROWSERS + STUCK_BROWSERS; i++) {
                    VaadinClient browser = new VaadinClient(VaadinClient.newHttpClient(), server.baseUrl(), IGNORED);
                    browsers.add(browser);
                    browser.signIn(alice, Fixtures.PASSWORD);
                    browser.open("rooms/general");
                    if (i >= READING_BROWSERS) {
                        browser.stopReading();
                    }
                }
                for (int i = 0; i < POSTERS; i++) {
                    int poster = i;
                    posters.execute(() -> post(api, token, poster, flooding, acknowledged, refused, unanswered));
                }
                Thread.sleep(FLOOD);
                for (int i = 0; i < SLOW_UPLOADS; i++) {
                    uploads.add(SlowUpload.start(server.port(), token));
                }
                shutdown = server.terminate(Duration.ofMinutes(10));
                exit = server.exitValue();
            } finally {
                uploads.forEach(SlowUpload::close);
                flooding.set(false);
                posters.shutdown();
                posters.awaitTermination(1, TimeUnit.MINUTES);
                browsers.forEach(VaadinClient::close);
            }
        }
        String output = Files.readString(log);
        System.out.printf(
                "SIGTERM after %d s of flooding, %d browsers reading, %d not reading, %d slow uploads: exit after %d ms;"
                        + " %d posts acknowledged, %d refused, %d unanswered%n",
                FLOOD.toSeconds(),
                READING_BROWSERS,
                STUCK_BROWSERS,
                SLOW_UPLOADS,
                shutdown.toMillis(),
                acknowledged.size(),
                refused.get(),
                unanswered.get());

        Map<Long, Integer> stored = new HashMap<>();
        try (ParleyServer again = FaultServers.start(data, FaultServers.freePort(), work.resolve("restart.log"))) {
            again.awaitReady(START);
            ApiClient api = new ApiClient(again.port(), JSON);
            String token = api.token(alice);
            long after = 0;
            while (true) {
                JsonNode page = api.call("GET", "/api/rooms/general/messages?limit=100&after=" + after, token, null)
                        .body();
                if (page.isEmpty()) {
                    break;
                }
                for (JsonNode message : page) {
                    stored.merge(message.path("id").asLong(), 1, Integer::sum);
                    after = message.path("seq").asLong();
                }
            }
        }

        assertThat(acknowledged).isNotEmpty();
        assertThat(stored.keySet()).containsAll(acknowledged);
        assertThat(stored.values()).containsOnly(1);
        assertThat(output).doesNotContain("has been closed already").doesNotContain("read positions failed");
        assertThat(shutdown).isLessThan(Duration.ofSeconds(30));
        assertThat(exit)
                .as("stopped by SIGTERM after closing everything, not halted")
                .isEqualTo(SIGTERM_EXIT);
    }

    @Test
    void a_shutdown_held_up_past_its_deadline_is_cut_short_saying_where_it_was_held() throws Exception {
        Path work = FaultServers.workFolder("deadline");
        Path log = work.resolve("server.log");
        // Requests may hold the shutdown for a minute here, and the deadline is five seconds.
        try (ParleyServer server = FaultServers.start(
                work.resolve("data"),
                FaultServers.freePort(),
                log,
                "--parley.shutdown-timeout=5s",
                "--spring.lifecycle.timeout-per-shutdown-phase=60s")) {
            server.awaitReady(START);
            ApiClient api = new ApiClient(server.port(), JSON);
            String token = api.token(api.register("alice"));
            try (SlowUpload upload = SlowUpload.start(server.port(), token)) {
                Duration shutdown = server.terminate(Duration.ofMinutes(2));

                System.out.printf(
                        "SIGTERM with a request that never ends, a 5 s deadline: exit %d after %d ms%n",
                        server.exitValue(), shutdown.toMillis());
                assertThat(shutdown).isLessThan(Duration.ofSeconds(30));
                assertThat(server.exitValue()).isEqualTo(1);
                assertThat(Files.readString(log))
                        .contains("Parley did not stop within 5 s of being told to")
                        .contains("DefaultLifecycleProcessor");
            }
        }
    }

    /** Posts as fast as the server answers until the flood ends, noting which posts were acknowledged. */
    private static void post(
            ApiClient api,
            String token,
            int poster,
            AtomicBoolean flooding,
            Set<Long> acknowledged,
            AtomicInteger refused,
            AtomicInteger unanswered) {
        for (int n = 0; flooding.get(); n++) {
            try {
                ApiClient.Answer answer = api.call(
                        "POST",
                        "/api/rooms/general/messages",
                        token,
                        "{\"body\":\"poster " + poster + " message " + n + " with some words to push\"}");
                if (answer.status() == 201) {
                    acknowledged.add(answer.body().path("id").asLong());
                } else {
                    refused.incrementAndGet();
                }
            } catch (IOException | JacksonException e) {
                // The server is going away (no connection, or Tomcat's own error page): not an acknowledgement.
                unanswered.incrementAndGet();
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
