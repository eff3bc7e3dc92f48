package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.Application;
import dev.parley.Fixtures;
import dev.parley.PostgresTestDatabase;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.UnavailableException;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two whole Parley nodes on one PostgreSQL database (made for the test) and one index in a real OpenSearch
 * ({@link OpenSearchTestServer}), as on a cluster: each change is indexed once from the outbox whichever node made it,
 * also when the node that made it never indexes anything (as if it died after its commits); the whole index is built by
 * one node, while every node answers "being built"; a build whose node stopped beating is taken over; an index found
 * missing at start-up is built again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedIndexTest {

    private static final Duration INDEXED = Duration.ofSeconds(20);

    private Path temp;
    private String database;
    private String index;
    private SecurityContextHolderStrategy strategyBefore;

    /** Its event processor is off: it commits changes to the outbox and never indexes them itself. */
    private ConfigurableApplicationContext node1;

    private ConfigurableApplicationContext node2;

    private UserSummary alice;
    private UserSummary bob;
    private RoomSummary room;

    @BeforeAll
    void start(@TempDir Path temp) {
        this.temp = temp;
        strategyBefore = SecurityContextHolder.getContextHolderStrategy();
        database = PostgresTestDatabase.create();
        index = OpenSearchTestIndex.newIndexName();
        node1 = node("node-1", false);
        node2 = node("node-2", true);
        alice = Fixtures.user(node1.getBean(AccountService.class), "alice");
        bob = Fixtures.user(node2.getBean(AccountService.class), "bob");
        room = node1.getBean(RoomService.class).create(alice.id(), "Shared index", null, false);
    }

    @AfterAll
    void stop() {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
        PostgresTestDatabase.drop(database);
        SecurityContextHolder.setContextHolderStrategy(strategyBefore);
    }

    @Test
    @Order(1)
    void the_first_node_builds_the_missing_index_and_the_second_finds_it_built() {
        assertThat(build(node1).builds()).isEqualTo(1);
        assertThat(build(node2).builds()).isZero();
        assertThat(build(node2).status().state()).isEqualTo(IndexStatus.State.READY);
        assertThat(build(node2).status().node()).isEqualTo("node-1");
        assertThat(build(node2).status().location()).isEqualTo("OpenSearch");
    }

    @Test
    @Order(2)
    void a_change_committed_on_a_node_that_never_indexes_is_indexed_by_the_other_and_found_on_both() {
        ChatMessage posted = node1.getBean(MessageService.class).post(alice.id(), room.id(), "zebra crossing ahead");

        await().atMost(INDEXED)
                .until(() -> found(node2, "zebra").contains(posted.id().value()));
        assertThat(found(node1, "zebra")).containsExactly(posted.id().value());
        assertThat(outbox()).isZero();

        node1.getBean(MessageService.class).edit(alice.id(), posted.id(), "giraffe crossing ahead");
        await().atMost(INDEXED).until(() -> found(node1, "zebra").isEmpty());
        assertThat(found(node2, "giraffe")).containsExactly(posted.id().value());
    }

    @Test
    @Order(3)
    void a_rebuild_asked_for_on_one_node_runs_once_and_both_answer_being_built_meanwhile() {
        ChatMessage kept = node2.getBean(MessageService.class).post(alice.id(), room.id(), "walrus sighting");
        await().atMost(INDEXED)
                .until(() -> found(node1, "walrus").contains(kept.id().value()));
        long before = build(node1).builds() + build(node2).builds();

        // A build some other node runs: both answer "being built" until it is done.
        jdbc().update(
                        "UPDATE search_index_build SET state = 'BUILDING', node = 'node-x', heartbeat_at = ?",
                        System.currentTimeMillis());
        build(node1).pollNow();
        build(node2).pollNow();
        for (ConfigurableApplicationContext node : List.of(node1, node2)) {
            assertThatThrownBy(() -> found(node, "walrus"))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("being built");
        }
        jdbc().update("UPDATE search_index_build SET state = 'READY', node = 'node-1'");

        // Alice has the first account, which administers the instance.
        node2.getBean(IndexAdministration.class).rebuild(alice.id());
        build(node1).pollNow();
        await().atMost(INDEXED).untilAsserted(() -> {
            build(node1).pollNow();
            build(node2).pollNow();
            assertThat(build(node1).status().state()).isEqualTo(IndexStatus.State.READY);
        });
        assertThat(build(node1).builds() + build(node2).builds()).isEqualTo(before + 1);
        IndexStatus status = build(node1).status();
        assertThat(status.total()).isEqualTo(status.indexed()).isEqualTo(2);
        assertThat(found(node1, "walrus")).containsExactly(kept.id().value());
        assertThat(found(node2, "giraffe")).hasSize(1);
    }

    @Test
    @Order(4)
    void a_build_whose_node_stopped_beating_is_taken_over() {
        long before = build(node2).builds();
        jdbc().update(
                        "UPDATE search_index_build SET state = 'BUILDING', node = 'node-killed', heartbeat_at = ?",
                        System.currentTimeMillis() - SharedIndexBuild.ABANDONED.toMillis() - 1000);

        build(node2).pollNow();

        await().atMost(INDEXED).untilAsserted(() -> {
            build(node2).pollNow();
            assertThat(build(node2).status().state()).isEqualTo(IndexStatus.State.READY);
        });
        assertThat(build(node2).builds()).isEqualTo(before + 1);
        assertThat(build(node2).status().node()).isEqualTo("node-2");
        assertThat(found(node2, "walrus")).hasSize(1);
    }

    @Test
    @Order(5)
    void an_index_missing_at_start_up_is_built_again() throws Exception {
        HttpResponse<Void> deleted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(OpenSearchTestServer.get().url() + "/" + index + "-*"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(deleted.statusCode()).isEqualTo(200);
        node2.close();

        node2 = node("node-2", true);

        await().atMost(INDEXED).untilAsserted(() -> {
            build(node2).pollNow();
            assertThat(build(node2).status().state()).isEqualTo(IndexStatus.State.READY);
        });
        assertThat(build(node2).builds()).isEqualTo(1);
        assertThat(found(node2, "walrus")).hasSize(1);
        // The other node answered "being built" while it was; it answers again from its next poll.
        build(node1).pollNow();
        assertThat(found(node1, "giraffe")).hasSize(1);
    }

    private static SharedIndexBuild build(ConfigurableApplicationContext node) {
        return node.getBean(SharedIndexBuild.class);
    }

    private List<Long> found(ConfigurableApplicationContext node, String words) {
        return node.getBean(SearchService.class).search(bob.id(), SearchQuery.parse(words)).hits().stream()
                .map(hit -> hit.message().value())
                .toList();
    }

    private long outbox() {
        Long count = jdbc().queryForObject("SELECT count(*) FROM hsearch_outbox_event", Long.class);
        return count == null ? 0 : count;
    }

    private JdbcTemplate jdbc() {
        return node1.getBean(JdbcTemplate.class);
    }

    private ConfigurableApplicationContext node(String name, boolean indexes) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
                "--spring.datasource.username=postgres",
                "--parley.node-name=" + name,
                "--parley.data-dir=" + temp.resolve(name),
                "--parley.search.opensearch.url=" + OpenSearchTestServer.get().url(),
                "--parley.search.opensearch.index=" + index,
                "--spring.jpa.properties.hibernate.search.coordination.event_processor.enabled=" + indexes,
                "--server.port=0",
                "--server.address=127.0.0.1"));
        return new SpringApplicationBuilder(Application.class).run(settings.toArray(String[]::new));
    }
}
