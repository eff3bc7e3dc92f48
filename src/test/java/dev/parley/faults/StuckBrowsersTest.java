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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A flood of messages into a room that browsers have open, some of which have stopped reading their push sockets (they
 * still send heartbeats, as a hung tab's browser may): the heap stays bounded while and after the flood, each view
 * holds its window of messages, the browsers that read get every message, and the API keeps answering.
 */
class StuckBrowsersTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofMinutes(3);
    private static final int READING_BROWSERS = 4;
    private static final int STUCK_BROWSERS = 4;
    private static final int POSTERS = 4;
    private static final Duration FLOOD = Duration.ofSeconds(60);
    /** The most messages a room view holds (MessageList.WINDOW). */
    private static final int WINDOW = 150;
    /** How many events a page may handle without reaching its browser (UiBacklog.LIMIT). */
    private static final int LIMIT = 1000;

    private static final Pattern MESSAGE_ITEMS =
            Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+dev\\.parley\\.messages\\.ui\\.MessageItem\\s*$");

    @Test
    void browsers_that_stop_reading_in_a_flood_cost_a_bounded_heap_and_nobody_else_service() throws Exception {
        Path folder = FaultServers.workFolder("stuck-browsers");
        Path log = folder.resolve("server.log");
        // The harness lifts the posting and request limits.
        try (ParleyServer server = FaultServers.start(folder.resolve("data"), FaultServers.freePort(), log)) {
            server.awaitReady(START);
            ApiClient api = new ApiClient(server.port(), JSON);
            String alice = api.register("alice");
            String token = api.token(alice);

            List<AtomicLong> newestSeen = new ArrayList<>();
            List<VaadinClient> browsers = new ArrayList<>();
            for (int i = 0; i < READING_BROWSERS + STUCK_BROWSERS; i++) {
                AtomicLong newest = new AtomicLong();
                VaadinClient browser =
                        new VaadinClient(VaadinClient.newHttpClient(), server.baseUrl(), new VaadinClient.Receiver() {
                            @Override
                            public void marker(long id, long nanos) {}

                            @Override
                            public void seq(long seq) {
                                newest.accumulateAndGet(seq, Math::max);
                            }
                        });
                browser.signIn(alice, Fixtures.PASSWORD);
                browser.open("rooms/general");
                browsers.add(browser);
                newestSeen.add(newest);
            }
            long heapBefore = server.settledLiveHeapBytes();
            browsers.subList(READING_BROWSERS, browsers.size()).forEach(VaadinClient::stopReading);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicLong lastSeq = new AtomicLong();
            List<Long> probeMillis = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> work = new ArrayList<>();
            try {
                for (int i = 0; i < POSTERS; i++) {
                    int poster = i;
                    work.add(threads.submit(() -> post(api, token, poster, flooding, acknowledged, lastSeq)));
                }
                work.add(threads.submit(() -> probe(api, token, flooding, probeMillis)));
                // Every browser, stuck or not, says it is still there, so none is closed for silence.
                work.add(threads.submit(() -> heartbeats(browsers, flooding)));
                Thread.sleep(FLOOD);
            } finally {
                flooding.set(false);
                threads.shutdown();
                threads.awaitTermination(1, TimeUnit.MINUTES);
            }
            for (Future<?> done : work) {
                // A post or read that failed fails the test here.
                done.get();
            }

            long last = lastSeq.get();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            newestSeen.subList(0, READING_BROWSERS).stream().allMatch(seen -> seen.get() >= last));
            long heapAfter = server.settledLiveHeapBytes();
            Path histogram = folder.resolve("histogram-after.txt");
            server.classHistogram(histogram);
            long messageItems = messageItems(histogram);
            Thread.sleep(Duration.ofSeconds(20));
            long heapLater = server.settledLiveHeapBytes();
            String output = Files.readString(log);
            long fellBehind = output.lines()
                    .filter(line -> line.contains("fell 1000 events behind"))
                    .count();
            List<Long> probes = new ArrayList<>(probeMillis);
            Collections.sort(probes);
            long probeMax = probes.isEmpty() ? -1 : probes.getLast();
            long probeP95 = probes.isEmpty() ? -1 : probes.get((int) (probes.size() * 0.95));
            Duration shutdown = server.terminate(Duration.ofMinutes(2));
            browsers.forEach(VaadinClient::close);

            System.out.printf(
                    "%d s flood, %d posters: %d messages acknowledged; %d browsers reading, %d stuck; live heap"
                            + " %d MB before, %d MB after, %d MB 20 s later; %d MessageItem alive; %d times a page"
                            + " fell behind; API probe p95 %d ms, max %d ms (%d probes); SIGTERM to exit %d ms%n",
                    FLOOD.toSeconds(),
                    POSTERS,
                    acknowledged.get(),
                    READING_BROWSERS,
                    STUCK_BROWSERS,
                    heapBefore >> 20,
                    heapAfter >> 20,
                    heapLater >> 20,
                    messageItems,
                    fellBehind,
                    probeP95,
                    probeMax,
                    probes.size(),
                    shutdown.toMillis());

            assertThat(acknowledged.get()).isGreaterThan(2 * WINDOW * (READING_BROWSERS + STUCK_BROWSERS));
            // A view that reaches its browser holds its window; one that cannot holds what it handled until it was
            // cut off (UiBacklog.LIMIT events), as Flow keeps every element made since its last push.
            assertThat(messageItems)
                    .as("message items alive")
                    .isLessThanOrEqualTo((long) WINDOW * READING_BROWSERS + (LIMIT + WINDOW) * STUCK_BROWSERS);
            assertThat(heapAfter - heapBefore).as("live heap growth").isLessThan(150L << 20);
            assertThat(heapLater).as("no growth after the flood").isLessThan(heapAfter + (20L << 20));
            assertThat(fellBehind).as("the stuck browsers were cut off").isPositive();
            assertThat(probeMax).as("the API kept answering").isBetween(0L, 10_000L);
            assertThat(shutdown).isLessThan(Duration.ofSeconds(30));
        }
    }

    private static long messageItems(Path histogram) throws IOException {
        for (String line : Files.readAllLines(histogram)) {
            Matcher m = MESSAGE_ITEMS.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    private static void post(
            ApiClient api,
            String token,
            int poster,
            AtomicBoolean flooding,
            AtomicInteger acknowledged,
            AtomicLong lastSeq) {
        for (int n = 0; flooding.get(); n++) {
            try {
                ApiClient.Answer answer = api.call(
                        "POST",
                        "/api/rooms/general/messages",
                        token,
                        "{\"body\":\"poster " + poster + " message " + n + " with some words to push\"}");
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                acknowledged.incrementAndGet();
                lastSeq.accumulateAndGet(answer.body().path("seq").asLong(), Math::max);
            } catch (IOException | JacksonException e) {
                throw new IllegalStateException("A post got no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads the newest message once a second, timing each answer: the service others get meanwhile. */
    private static void probe(ApiClient api, String token, AtomicBoolean flooding, List<Long> millis) {
        while (flooding.get()) {
            try {
                long start = System.nanoTime();
                ApiClient.Answer answer = api.call("GET", "/api/rooms/general/messages?limit=1", token, null);
                assertThat(answer.status()).isEqualTo(200);
                millis.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(1000);
            } catch (IOException e) {
                throw new IllegalStateException("A read got no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void heartbeats(List<VaadinClient> browsers, AtomicBoolean flooding) {
        while (flooding.get()) {
            try {
                for (VaadinClient browser : browsers) {
                    browser.heartbeat();
                }
                Thread.sleep(Duration.ofSeconds(20));
            } catch (IOException e) {
                throw new IllegalStateException("A heartbeat got no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
