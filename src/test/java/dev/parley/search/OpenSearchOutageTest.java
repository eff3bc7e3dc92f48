package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.Fixtures;
import dev.parley.PostgresTest;
import dev.parley.PostgresTestDatabase;
import dev.parley.TcpProxy;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.UnavailableException;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * OpenSearch out of reach after the start (its server down, the network cut: here a proxy in front of the tests'
 * OpenSearch that drops every connection, for longer than Hibernate Search retries a change): searches say so in words
 * (the API answers 503), posting goes on, and what was posted meanwhile is found once OpenSearch is back, once.
 */
@PostgresTest
@ContextConfiguration(initializers = {PostgresTestDatabase.class, OpenSearchOutageTest.ThroughProxy.class})
class OpenSearchOutageTest {

    /** Between Parley and OpenSearch; made with the context, closed with it. */
    static TcpProxy proxy;

    @Autowired
    SearchService search;

    @Autowired
    SearchIndex index;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void while_opensearch_is_out_of_reach_search_says_so_posts_go_on_and_are_found_once_it_is_back() {
        await().atMost(Duration.ofSeconds(60)).until(index::ready);
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Outage " + Fixtures.username("o"), null, false);
        ChatMessage before = messages.post(alice.id(), room.id(), "lighthouse before the storm");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> found(alice, "lighthouse").contains(before.id().value()));

        proxy.cut();
        List<Long> posted;
        try {
            assertThatThrownBy(() -> found(alice, "lighthouse"))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("Search cannot reach its index right now; try again in a minute");
            posted = List.of(
                    messages.post(alice.id(), room.id(), "lighthouse during the storm")
                            .id()
                            .value(),
                    messages.post(alice.id(), room.id(), "lighthouse keeper awake")
                            .id()
                            .value());
            // Tried and failed three times, 5 s apart: the changes are left aborted in the outbox, not lost.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> aborted() >= 1);
        } finally {
            proxy.restore();
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .ignoreException(UnavailableException.class)
                .untilAsserted(() -> assertThat(found(alice, "lighthouse"))
                        .containsExactlyInAnyOrder(before.id().value(), posted.get(0), posted.get(1)));
        assertThat(aborted()).isZero();
    }

    private List<Long> found(UserSummary user, String words) {
        return search.search(user.id(), SearchQuery.parse(words)).hits().stream()
                .map(hit -> hit.message().value())
                .toList();
    }

    private long aborted() {
        Long count =
                jdbc.queryForObject("SELECT count(*) FROM hsearch_outbox_event WHERE status = 'ABORTED'", Long.class);
        return count == null ? 0 : count;
    }

    /** The index in OpenSearch, under a name of its own, reached through {@link #proxy}. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            OpenSearchTestServer server = OpenSearchTestServer.get();
            proxy = TcpProxy.closedWith(context, "127.0.0.1", server.url().getPort());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("parley.search.opensearch.url", "http://127.0.0.1:" + proxy.port());
            settings.put("parley.search.opensearch.index", OpenSearchTestIndex.newIndexName());
            settings.put("spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy", "");
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("parleyTestIndexThroughProxy", settings));
        }
    }
}
