package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A full database, made so with SQLite's {@code PRAGMA max_page_count} on the writer (SQLite then answers SQLITE_FULL,
 * as on a full disk, and rolls the transaction back by itself): concurrent posters through the REST API get 503
 * "Storage is full" for every post that is not stored, 201 for every post that is, each stored once; the health check
 * says so; and posting resumes by itself once the limit is lifted. The same on a real full file system: FullDiskTest.
 */
class FullDatabaseApiTest extends ApiTestSupport {

    private static final String NOT_STORED = "Storage is full: the message was not stored";
    private static final int POSTERS = 4;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    /** What each poster was told about each of its posts. */
    private record Outcomes(List<String> accepted, List<String> refused, List<String> unexpected) {}

    @Test
    void posts_refused_for_lack_of_space_are_never_stored_accepted_ones_once_and_posting_resumes_by_itself()
            throws Exception {
        String owner = api.register("full");
        String ownerToken = api.token(owner);
        String room = api.createRoom(ownerToken, "Full", false);
        List<String> tokens = new ArrayList<>(List.of(ownerToken));
        for (int i = 1; i < POSTERS; i++) {
            String token = api.token(api.register("poster"));
            api.join(token, room);
            tokens.add(token);
        }

        List<Outcomes> outcomes = new ArrayList<>();
        try (WriterLimit full = WriterLimit.onePageFromNow(dataSource, transactions)) {
            try (ExecutorService posters = Executors.newFixedThreadPool(POSTERS)) {
                List<Future<Outcomes>> running = new ArrayList<>();
                for (int p = 0; p < POSTERS; p++) {
                    String token = tokens.get(p);
                    String prefix = "poster" + p + "-";
                    running.add(posters.submit(() -> postUntilRefused(token, room, prefix, 10)));
                }
                for (Future<Outcomes> poster : running) {
                    outcomes.add(poster.get(2, TimeUnit.MINUTES));
                }
            }
            ApiClient.Answer upload = api.multipart(
                    "/api/rooms/" + room + "/messages",
                    ownerToken,
                    "with a file",
                    List.of(new ApiClient.Upload(
                            "notes.txt", "text/plain", "a note".getBytes(StandardCharsets.UTF_8))));
            // Refused when its file's row finds no room, or else when the message's does; either way nothing is kept.
            assertThat(upload.status()).isEqualTo(503);
            assertThat(upload.error())
                    .isIn("Storage is full: notes.txt was not stored", "Storage is full: the message was not stored");

            ApiClient.Answer health = api.call("GET", "/actuator/health", null, null);
            assertThat(health.status()).isEqualTo(503);
            JsonNode storage = health.body().path("components").path("storage");
            assertThat(storage.path("status").asString()).isEqualTo("DOWN");
            assertThat(storage.path("description").asString()).startsWith("The disk is full");
        }

        // The limit is lifted: the next posts are written, without a restart.
        List<String> resumed = new ArrayList<>();
        for (int p = 0; p < POSTERS; p++) {
            for (int i = 0; i < 3; i++) {
                String body = "after-" + p + "-" + i;
                api.post(tokens.get(p), room, body);
                resumed.add(body);
            }
        }
        ApiClient.Answer health = api.call("GET", "/actuator/health", null, null);
        assertThat(health.body()
                        .path("components")
                        .path("storage")
                        .path("status")
                        .asString())
                .isEqualTo("UP");

        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Outcomes poster : outcomes) {
            assertThat(poster.unexpected()).isEmpty();
            accepted.addAll(poster.accepted());
            refused.addAll(poster.refused());
        }
        assertThat(refused).hasSizeGreaterThanOrEqualTo(POSTERS * 10);
        Map<String, Integer> stored = new HashMap<>();
        List<Long> seqs = new ArrayList<>();
        for (JsonNode message : history(ownerToken, room)) {
            stored.merge(message.path("body").asString(), 1, Integer::sum);
            seqs.add(message.path("seq").asLong());
        }
        for (String body : accepted) {
            assertThat(stored.get(body)).as("accepted %s", body).isEqualTo(1);
        }
        for (String body : resumed) {
            assertThat(stored.get(body))
                    .as("posted after the limit was lifted: %s", body)
                    .isEqualTo(1);
        }
        assertThat(refused).noneMatch(stored::containsKey);
        assertThat(stored).doesNotContainKey("with a file");
        assertThat(stored).hasSize(accepted.size() + resumed.size());
        assertThat(seqs)
                .as("numbered without gaps")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, seqs.size()).boxed().toList());
    }

    /** Posts numbered messages until {@code refusals} of them were refused, or 400 were sent. */
    private Outcomes postUntilRefused(String token, String room, String prefix, int refusals) throws Exception {
        Outcomes outcomes = new Outcomes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 400 && outcomes.refused().size() < refusals; i++) {
            String body = prefix + i;
            ApiClient.Answer answer =
                    api.call("POST", "/api/rooms/" + room + "/messages", token, "{\"body\":\"" + body + "\"}");
            if (answer.status() == 201) {
                outcomes.accepted().add(body);
            } else if (answer.status() == 503 && NOT_STORED.equals(answer.error())) {
                outcomes.refused().add(body);
            } else {
                outcomes.unexpected().add(body + ": " + answer.status() + " " + answer.body());
            }
        }
        return outcomes;
    }

    /** Every message of the room, oldest first, page after page. */
    private List<JsonNode> history(String token, String room) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            ApiClient.Answer page =
                    api.call("GET", "/api/rooms/" + room + "/messages?limit=100&after=" + after, token, null);
            assertThat(page.status()).isEqualTo(200);
            if (page.body().isEmpty()) {
                return Collections.unmodifiableList(all);
            }
            page.body().forEach(all::add);
            after = all.getLast().path("seq").asLong();
        }
    }

    /**
     * SQLite's page limit on the writer: on its connection now and on every one the pool opens until it is lifted
     * ({@link #close}), since a writer connection whose transaction failed is replaced.
     */
    private static final class WriterLimit implements AutoCloseable {

        /** Far more than any test database: the limit lifted. */
        private static final int NO_LIMIT = Integer.MAX_VALUE;

        private final SQLiteDataSource newConnections;
        private final JdbcTemplate jdbc;
        private final TransactionTemplate write;

        private WriterLimit(SQLiteDataSource newConnections, DataSource dataSource, PlatformTransactionManager tx) {
            this.newConnections = newConnections;
            this.jdbc = new JdbcTemplate(dataSource);
            this.write = new TransactionTemplate(tx);
        }

        /** Limits the database to one page more than it has now: some posts fit, then SQLITE_FULL. */
        static WriterLimit onePageFromNow(DataSource dataSource, PlatformTransactionManager tx) {
            WriterLimit limit = new WriterLimit(writerConnections(dataSource), dataSource, tx);
            long pages = limit.onWriter("PRAGMA page_count");
            limit.set((int) pages + 1);
            return limit;
        }

        @Override
        public void close() {
            set(NO_LIMIT);
        }

        private void set(int pages) {
            newConnections.setMaxPageCount(pages);
            onWriter("PRAGMA max_page_count = " + pages);
        }

        private long onWriter(String pragma) {
            Long value = write.execute(status -> jdbc.queryForObject(pragma, Long.class));
            return value == null ? 0 : value;
        }

        /** The driver's data source below the writer pool, which opens its connections with its settings. */
        private static SQLiteDataSource writerConnections(DataSource dataSource) {
            DataSource source = dataSource;
            while (source instanceof DelegatingDataSource delegating) {
                source = delegating.getTargetDataSource();
            }
            assertThat(source).isInstanceOf(HikariDataSource.class);
            return (SQLiteDataSource) ((HikariDataSource) source).getDataSource();
        }
    }
}
