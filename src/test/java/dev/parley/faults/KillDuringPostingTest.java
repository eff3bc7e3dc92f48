package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ParleyServer;
import dev.parley.e2e.ApiClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of the production jar, again and again, while API clients post to two rooms as fast as it answers, each
 * restart on the same data folder: every post it acknowledged is stored once with its text and sequence number, no text
 * is stored twice, each room's sequence numbers run 1..N without a gap, a post whose connection the kill cut is stored
 * once or not at all, and a sample of the stored messages is found by search after the last restart.
 * {@code -Dfaults.kill.cycles} and {@code -Dfaults.kill.flood-seconds} set how many kills and how long each flood lasts
 * (5 and 10 s by default).
 */
class KillDuringPostingTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration SEARCH_CATCH_UP = Duration.ofMinutes(3);
    private static final int USERS = 3;
    /** Two posters per user: one author's posts also race each other. */
    private static final int POSTERS = 6;
    /** Every post the test makes starts with it; anything else in a room (a welcome message) is Parley's own. */
    private static final String PREFIX = "kill9 flood ";
    /** The messages found by search after the last restart: a random sample of those stored besides the ones below. */
    private static final int SEARCH_SAMPLE = 100;
    /** The last posts acknowledged before each kill, which the index may not have committed: all searched for. */
    private static final int LAST_BEFORE_KILL = 10;
    /** A JVM ended by SIGKILL: 128 + 9. */
    private static final int SIGKILL_EXIT = 137;

    /** What became of one post. */
    enum Outcome {
        /** Answered 201: stored, with the id and sequence number the answer gave. */
        ACKNOWLEDGED,
        /** Answered with another status: not stored. */
        REFUSED,
        /** Sent, and the connection ended without an answer (the kill cut it): stored once or not at all. */
        CUT,
        /** No connection (the server was gone already): nothing was sent, so nothing may be stored. */
        NOT_CONNECTED
    }

    /** One post: its text, where it went, in which run of the server, and what it was answered. */
    record Attempt(int cycle, String room, String text, Outcome outcome, long id, long seq, int status, long order) {}

    /** A message as read back through the API. */
    record Stored(String room, long id, long seq, String body) {}

    private final AtomicLong order = new AtomicLong();

    @Test
    void kill_9_during_sustained_posting_keeps_every_acknowledged_message_once_and_sequences_without_gaps()
            throws Exception {
        int cycles = Integer.getInteger("faults.kill.cycles", 5);
        Duration flood = Duration.ofSeconds(Integer.getInteger("faults.kill.flood-seconds", 10));
        long began = System.nanoTime();
        Path work = FaultServers.workFolder("kill-during-posting");
        Path data = work.resolve("data");
        Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        List<String> tokens = new ArrayList<>();
        List<String> rooms = new ArrayList<>();
        List<Integer> inFlightAtKill = new ArrayList<>();
        List<Duration> startUps = new ArrayList<>();

        for (int cycle = 1; cycle <= cycles; cycle++) {
            ParleyServer server =
                    FaultServers.start(data, FaultServers.freePort(), work.resolve("server-" + cycle + ".log"));
            try {
                startUps.add(server.awaitReady(START));
                ApiClient api = new ApiClient(server.port(), JSON);
                if (cycle == 1) {
                    for (int u = 0; u < USERS; u++) {
                        tokens.add(api.token(api.register("poster" + u)));
                    }
                    ApiClient.Answer created = api.call(
                            "POST", "/api/rooms", tokens.getFirst(), "{\"name\":\"Kill nine\",\"private\":false}");
                    assertThat(created.status()).isEqualTo(201);
                    rooms.add("general");
                    rooms.add(created.body().path("slug").asString());
                    for (String token : tokens.subList(1, USERS)) {
                        assertThat(api.call("POST", "/api/rooms/" + rooms.get(1) + "/join", token, null)
                                        .status())
                                .isEqualTo(204);
                    }
                }
                inFlightAtKill.add(floodAndKill(server, api, cycle, flood, tokens, rooms, attempts));
            } finally {
                server.close(); // nothing to do after the kill; stops a server a failed step left running
            }
            assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(SIGKILL_EXIT);
        }

        Map<String, Stored> byText = new HashMap<>();
        List<Stored> everything = new ArrayList<>();
        Map<String, List<Long>> seqsByRoom = new LinkedHashMap<>();
        @Nullable Duration searchComplete;
        List<Stored> searchedFor;
        Map<Long, String> notFound;
        Path finalLog = work.resolve("server-final.log");
        try (ParleyServer last = FaultServers.start(data, FaultServers.freePort(), finalLog)) {
            startUps.add(last.awaitReady(START));
            ApiClient api = new ApiClient(last.port(), JSON);
            String reader = tokens.getFirst();
            for (String room : rooms) {
                List<Long> seqs = new ArrayList<>();
                for (Stored message : readRoom(api, reader, room)) {
                    everything.add(message);
                    seqs.add(message.seq());
                    byText.merge(message.body(), message, (a, b) -> a); // duplicates are counted from everything
                }
                seqsByRoom.put(room, seqs);
            }
            searchedFor = searchSample(attempts, byText, cycles);
            notFound = new LinkedHashMap<>();
            searchComplete = awaitFound(last, api, reader, searchedFor, notFound);
        }

        Map<String, Integer> copies = new HashMap<>();
        everything.forEach(m -> copies.merge(m.body(), 1, Integer::sum));
        Map<Outcome, List<Attempt>> byOutcome = new HashMap<>();
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, new ArrayList<>());
        }
        attempts.forEach(a -> byOutcome.get(a.outcome()).add(a));
        List<Attempt> acknowledged = byOutcome.get(Outcome.ACKNOWLEDGED);
        List<Attempt> cut = byOutcome.get(Outcome.CUT);
        long cutStored = cut.stream().filter(a -> byText.containsKey(a.text())).count();
        Set<String> attempted = new LinkedHashSet<>();
        attempts.forEach(a -> attempted.add(a.text()));

        List<String> lost = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (Attempt a : acknowledged) {
            Stored s = byText.get(a.text());
            if (s == null) {
                lost.add(a.toString());
            } else if (s.id() != a.id() || s.seq() != a.seq() || !s.room().equals(a.room())) {
                different.add(a + " stored as " + s);
            }
        }
        // An id acknowledged for one text and stored with another: an acknowledged row lost and its id given again.
        Map<Long, Stored> byId = new HashMap<>();
        everything.forEach(m -> byId.put(m.id(), m));
        for (Attempt a : acknowledged) {
            Stored s = byId.get(a.id());
            if (s != null && !s.body().equals(a.text())) {
                different.add(a + " but id " + a.id() + " holds " + s);
            }
        }
        List<String> doubled = copies.entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFIX) && e.getValue() > 1)
                .map(e -> e.getValue() + "x " + e.getKey())
                .sorted()
                .toList();
        List<String> storedButRefused = new ArrayList<>();
        for (Outcome never : List.of(Outcome.REFUSED, Outcome.NOT_CONNECTED)) {
            byOutcome.get(never).stream()
                    .filter(a -> byText.containsKey(a.text()))
                    .forEach(a -> storedButRefused.add(a + " stored as " + byText.get(a.text())));
        }
        List<String> unknown = everything.stream()
                .filter(m -> m.body().startsWith(PREFIX) && !attempted.contains(m.body()))
                .map(Stored::toString)
                .toList();
        Map<String, String> gaps = new LinkedHashMap<>();
        seqsByRoom.forEach((room, seqs) -> {
            for (int i = 0; i < seqs.size(); i++) {
                if (seqs.get(i) != i + 1) {
                    gaps.put(
                            room,
                            "position " + (i + 1) + " holds seq " + seqs.get(i) + " (" + seqs.size() + " in all)");
                    return;
                }
            }
        });
        Map<Integer, Integer> refusedStatuses = new HashMap<>();
        byOutcome.get(Outcome.REFUSED).forEach(a -> refusedStatuses.merge(a.status(), 1, Integer::sum));
        List<Path> logs = new ArrayList<>();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            logs.add(work.resolve("server-" + cycle + ".log"));
        }
        logs.add(finalLog);
        long errors = logs.stream().mapToLong(KillDuringPostingTest::errorLines).sum();
        // What the index caught up at each start after a kill; a server killed before its catch-up ended logs none.
        List<String> caughtUp = logs.subList(1, logs.size()).stream()
                .map(log -> lines(log)
                        .filter(line -> line.contains("Search index caught up: ")
                                || line.contains("Search index is up to date"))
                        .map(line -> line.replaceAll(".*Search index is up to date.*", "up to date")
                                .replaceAll(
                                        ".*caught up: (\\d+) messages indexed again of (\\d+) .* in (\\d+) ms.*",
                                        "$1 of $2 in $3 ms"))
                        .findFirst()
                        .orElse("none logged"))
                .toList();

        System.out.printf(
                "%nkill -9 during posting: %d kills, %d posters, %d s floods; %d posts acknowledged, %d unanswered"
                        + " (connection cut; %d of them stored, %d not), %d refused %s, %d not connected; %d messages"
                        + " stored in %d rooms (%s); lost %d, doubled %d, changed %d, gaps %d; in flight at each kill %s;"
                        + " index catch-up after each restart %s; search found %d of %d sampled, %s after the last"
                        + " start; start-ups %s s; ERROR lines in logs %d;"
                        + " %.0f s in all; %s%n%n",
                cycles,
                POSTERS,
                flood.toSeconds(),
                acknowledged.size(),
                cut.size(),
                cutStored,
                cut.size() - cutStored,
                byOutcome.get(Outcome.REFUSED).size(),
                refusedStatuses,
                byOutcome.get(Outcome.NOT_CONNECTED).size(),
                everything.size(),
                rooms.size(),
                String.join(
                        ", ",
                        seqsByRoom.entrySet().stream()
                                .map(e -> e.getKey() + " 1.." + e.getValue().size())
                                .toList()),
                lost.size(),
                doubled.size(),
                different.size(),
                gaps.size(),
                inFlightAtKill,
                caughtUp,
                searchedFor.size() - notFound.size(),
                searchedFor.size(),
                searchComplete == null ? "never" : String.format("%.1f s", searchComplete.toMillis() / 1000.0),
                startUps.stream()
                        .map(d -> String.format("%.0f", d.toMillis() / 1000.0))
                        .toList(),
                errors,
                (System.nanoTime() - began) / 1e9,
                work);

        assertThat(acknowledged).as("posts acknowledged").hasSizeGreaterThan(cycles * POSTERS);
        assertThat(cut).as("posts in flight when the server was killed").isNotEmpty();
        assertThat(lost).as("acknowledged, not stored").isEmpty();
        assertThat(different).as("acknowledged, stored otherwise").isEmpty();
        assertThat(doubled).as("stored more than once").isEmpty();
        assertThat(storedButRefused).as("refused or never sent, yet stored").isEmpty();
        assertThat(unknown).as("stored, never posted").isEmpty();
        assertThat(gaps).as("sequence numbers not 1..N").isEmpty();
        assertThat(notFound).as("stored, not found by search").isEmpty();
    }

    /**
     * Floods the server from {@link #POSTERS} clients for {@code flood}, kills it while posts are in flight, and
     * returns how many were.
     */
    private int floodAndKill(
            ParleyServer server,
            ApiClient api,
            int cycle,
            Duration flood,
            List<String> tokens,
            List<String> rooms,
            Queue<Attempt> attempts)
            throws InterruptedException {
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger inFlight = new AtomicInteger();
        ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
        int atKill;
        try {
            for (int p = 0; p < POSTERS; p++) {
                int poster = p;
                String token = tokens.get(poster % USERS);
                posters.execute(() -> post(api, token, rooms, cycle, poster, flooding, inFlight, attempts));
            }
            Thread.sleep(flood);
            // Most posters are waiting for an answer at any moment; wait briefly for a moment when nearly all are.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (inFlight.get() < POSTERS - 1 && System.nanoTime() < deadline) {
                Thread.sleep(1); // not a spin, which would take a core from the server
            }
            atKill = inFlight.get();
            server.kill();
        } finally {
            flooding.set(false);
            posters.shutdown();
        }
        assertThat(posters.awaitTermination(1, TimeUnit.MINUTES))
                .as("posters done")
                .isTrue();
        return atKill;
    }

    /** Posts as fast as the server answers until the flood ends, noting what became of each post. */
    private void post(
            ApiClient api,
            String token,
            List<String> rooms,
            int cycle,
            int poster,
            AtomicBoolean flooding,
            AtomicInteger inFlight,
            Queue<Attempt> attempts) {
        for (int n = 0; flooding.get(); n++) {
            String room = rooms.get((poster + n) % rooms.size());
            String key = "k9c" + cycle + "p" + poster + "n" + n;
            String text = PREFIX + key + " from poster " + poster + " in run " + cycle;
            inFlight.incrementAndGet();
            try {
                ApiClient.Answer answer =
                        api.call("POST", "/api/rooms/" + room + "/messages", token, "{\"body\":\"" + text + "\"}");
                long at = order.incrementAndGet();
                if (answer.status() == 201) {
                    attempts.add(new Attempt(
                            cycle,
                            room,
                            text,
                            Outcome.ACKNOWLEDGED,
                            answer.body().path("id").asLong(),
                            answer.body().path("seq").asLong(),
                            201,
                            at));
                } else {
                    attempts.add(new Attempt(cycle, room, text, Outcome.REFUSED, 0, 0, answer.status(), at));
                }
            } catch (ConnectException e) {
                attempts.add(new Attempt(cycle, room, text, Outcome.NOT_CONNECTED, 0, 0, 0, order.incrementAndGet()));
                pause();
            } catch (IOException | JacksonException e) {
                attempts.add(new Attempt(cycle, room, text, Outcome.CUT, 0, 0, 0, order.incrementAndGet()));
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Every message of a room, oldest first, paging with {@code after} as a client catching up does. */
    private static List<Stored> readRoom(ApiClient api, String token, String room)
            throws IOException, InterruptedException {
        List<Stored> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            ApiClient.Answer page =
                    api.call("GET", "/api/rooms/" + room + "/messages?limit=100&after=" + after, token, null);
            assertThat(page.status()).isEqualTo(200);
            if (page.body().isEmpty()) {
                return messages;
            }
            for (JsonNode m : page.body()) {
                messages.add(new Stored(
                        room,
                        m.path("id").asLong(),
                        m.path("seq").asLong(),
                        m.path("body").asString()));
                after = m.path("seq").asLong();
            }
        }
    }

    /**
     * The stored messages to look for by search: the last acknowledged before each kill, every stored post whose
     * connection the kill cut, and a random sample of the rest.
     */
    private static List<Stored> searchSample(Queue<Attempt> attempts, Map<String, Stored> byText, int cycles) {
        Map<Long, Stored> sample = new LinkedHashMap<>();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            int c = cycle;
            attempts.stream()
                    .filter(a -> a.cycle() == c && a.outcome() == Outcome.ACKNOWLEDGED)
                    .sorted(Comparator.comparingLong(Attempt::order).reversed())
                    .limit(LAST_BEFORE_KILL)
                    .map(a -> byText.get(a.text()))
                    .filter(s -> s != null)
                    .forEach(s -> sample.put(s.id(), s));
        }
        attempts.stream()
                .filter(a -> a.outcome() == Outcome.CUT)
                .map(a -> byText.get(a.text()))
                .filter(s -> s != null)
                .forEach(s -> sample.put(s.id(), s));
        List<Stored> rest = new ArrayList<>(byText.values().stream()
                .filter(s -> s.body().startsWith(PREFIX))
                .toList());
        Collections.shuffle(rest, new Random(20));
        rest.stream().limit(SEARCH_SAMPLE).forEach(s -> sample.put(s.id(), s));
        return List.copyOf(sample.values());
    }

    /**
     * Searches for each message by its unique word until every one is found as the only hit, or until
     * {@link #SEARCH_CATCH_UP} has passed since the server started; returns that time, or null. {@code notFound} is
     * left holding those never found, with the last answer.
     */
    private static @Nullable Duration awaitFound(
            ParleyServer server, ApiClient api, String token, List<Stored> wanted, Map<Long, String> notFound)
            throws IOException, InterruptedException {
        List<Stored> left = new ArrayList<>(wanted);
        while (true) {
            notFound.clear();
            List<Stored> still = new ArrayList<>();
            for (Stored message : left) {
                String word = message.body().substring(PREFIX.length()).split(" ")[0];
                String query = URLEncoder.encode("\"" + word + "\"", StandardCharsets.UTF_8);
                ApiClient.Answer found = api.call("GET", "/api/search?limit=5&q=" + query, token, null);
                JsonNode hits = found.body().path("hits");
                if (found.status() == 200
                        && hits.size() == 1
                        && hits.get(0).path("messageId").asLong() == message.id()) {
                    continue;
                }
                still.add(message);
                notFound.put(message.id(), message.body() + ": " + found.status() + " " + found.body());
            }
            if (still.isEmpty()) {
                return server.sinceStart();
            }
            if (server.sinceStart().compareTo(SEARCH_CATCH_UP) > 0) {
                return null;
            }
            left = still;
            Thread.sleep(1_000);
        }
    }

    private static long errorLines(Path log) {
        return lines(log).filter(line -> line.contains(" ERROR ")).count();
    }

    private static Stream<String> lines(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).lines();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
