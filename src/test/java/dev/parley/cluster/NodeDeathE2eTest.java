package dev.parley.cluster;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.parley.Application;
import dev.parley.Fixtures;
import dev.parley.PostgresTestDatabase;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.e2e.BrowserTestSupport;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.search.OpenSearchTestIndex;
import dev.parley.search.OpenSearchTestServer;
import dev.parley.search.SearchHit;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A node killed mid-conversation (the "kill -9 node 1"): two nodes in cluster mode behind HAProxy with the
 * shipped configuration, A's browser on node 1 and B's on node 2, in one room. Node 1 is killed with SIGKILL, so
 * nothing of its own shutdown runs; B posts meanwhile and sees A go offline; A's browser, left alone, comes back on
 * node 2 by itself, still signed in, in the same room, and shows every message B posted, once and in order; B sees A
 * online again, and A's next message reaches B.
 *
 * <p>Node 1 is a process of its own ({@link NodeProcess}) so that it can really be killed. Node 2 runs in this JVM, as
 * the nodes of {@link HaproxyClusterE2eTest} do: the test makes its people and rooms with node 2's services, and a JVM
 * fewer starts sooner on a machine of 2 cores. Presence is made quick ({@link #QUICK_PRESENCE}) so that the dead node's
 * users go offline within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeDeathE2eTest {

    /**
     * Node 2 takes node 1 as gone 1.5 to 2 s after it last heard of it, well before A's browser is back: Vaadin's
     * client reopens its push connection 5 s after it broke (Atmosphere's reconnect interval). Once A has a tab on node
     * 2, A is online there whatever became of node 1, and B would never see A offline. On a busy machine node 2 may
     * also take node 1 as gone for a moment before the kill, until its next heartbeat: the test looks at presence only
     * by waiting for a state, so that does no harm.
     */
    private static final String[] QUICK_PRESENCE = {
        "--parley.cluster.heartbeat-interval=500ms", "--parley.cluster.node-timeout=1500ms"
    };

    private String database;
    private SecurityContextHolderStrategy strategyBefore;
    private NodeProcess node1;
    private ConfigurableApplicationContext node2;
    private HaproxyFront haproxy;
    private HaproxyBrowsers browsers;
    private final long started = System.nanoTime();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        strategyBefore = SecurityContextHolder.getContextHolderStrategy();
        database = PostgresTestDatabase.create();
        String cluster = "test-" + UUID.randomUUID();
        // Node 1 starts in its JVM while node 2 starts in this one.
        int node1Port = HaproxyFront.freePort();
        String index = OpenSearchTestIndex.newIndexName();
        node1 = NodeProcess.start(
                "node-1",
                node1Port,
                HaproxyNodes.settings(
                        database, cluster, "node-1", temp.resolve("node-1"), node1Port, nodeSettings(index)));
        node2 = new SpringApplicationBuilder(Application.class)
                .run(HaproxyNodes.settings(
                        database, cluster, "node-2", temp.resolve("node-2"), 0, nodeSettings(index)));
        haproxy = HaproxyFront.start(node1Port, HaproxyNodes.port(node2));
        browsers = new HaproxyBrowsers(haproxy);
        node1.awaitReady(Duration.ofSeconds(180));
        haproxy.awaitServing("node1");
        haproxy.awaitServing("node2");
        step("both nodes serving through HAProxy");
    }

    @AfterAll
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (node1 != null) {
            node1.close();
        }
        if (node2 != null) {
            node2.close();
        }
        if (database != null) {
            PostgresTestDatabase.drop(database);
        }
        SecurityContextHolder.setContextHolderStrategy(strategyBefore);
    }

    @Test
    void a_browser_whose_node_is_killed_comes_back_on_the_other_node_signed_in_and_misses_nothing() throws Exception {
        UserSummary alice = Fixtures.user(node2.getBean(AccountService.class), "alice");
        UserSummary bob = Fixtures.user(node2.getBean(AccountService.class), "bob");
        RoomSummary room =
                node2.getBean(RoomService.class).create(alice.id(), "Crash " + alice.username(), null, false);
        node2.getBean(Memberships.class).join(bob.id(), room.slug());
        String roomPath = "/rooms/" + room.slug();

        Page a = browsers.signIn(browsers.newPage("node1"), alice, roomPath);
        Page b = browsers.signIn(browsers.newPage("node2"), bob, roomPath);
        assertThat(HaproxyBrowsers.nodeCookie(a)).isEqualTo("node1");
        assertThat(HaproxyBrowsers.nodeCookie(b)).isEqualTo("node2");
        assertThat(b.locator(onlineEntry(alice))).isVisible();
        assertThat(a.locator(onlineEntry(bob))).isVisible();
        HaproxyBrowsers.send(a, "A before the crash");
        assertThat(b.locator(".message-body").last()).hasText("A before the crash");
        HaproxyBrowsers.send(b, "B before the crash");
        assertThat(a.locator(".message-body").last()).hasText("B before the crash");
        step("A on node 1 and B on node 2 talking");

        HaproxyBrowsers.markPage(a);
        BrowserTraffic traffic = BrowserTraffic.record(a, "node-death-a");
        node1.kill();
        traffic.mark("node 1 killed (SIGKILL)");
        step("node 1 killed");

        List<String> meanwhile = List.of("B while A is cut off 1", "B while A is cut off 2", "B while A is cut off 3");
        for (String text : meanwhile) {
            HaproxyBrowsers.send(b, text);
            assertThat(b.locator(".message-body").last()).hasText(text);
        }
        step("B posted " + meanwhile.size() + " messages");
        try {
            assertThat(b.locator(offlineEntry(alice))).isVisible();
        } catch (AssertionError e) {
            throw new AssertionError(
                    "B did not see A offline after node 1 was killed; A's browser since the kill: " + traffic.save(),
                    e);
        }
        traffic.mark("B sees A offline");
        step("B sees A offline");

        List<String> expected = new ArrayList<>(List.of("A before the crash", "B before the crash"));
        expected.addAll(meanwhile);
        try {
            // Nothing is done in A's browser: its page finds its way to node 2 by itself.
            a.waitForCondition(
                    () -> HaproxyBrowsers.loadedAnotherPage(a)
                            && "node2".equals(HaproxyBrowsers.nodeCookie(a))
                            && URI.create(a.url()).getPath().equals(roomPath)
                            && a.locator("vaadin-app-layout").isVisible(),
                    new Page.WaitForConditionOptions().setTimeout(60_000));
            traffic.mark("A's browser back in the room on node 2");
            step("A's browser back in the room on node 2");
            // Signed in as A: A's own message is marked as A's.
            assertThat(a.locator(".message.mine .message-body")).hasText("A before the crash");
            assertThat(a.locator(".message-body")).hasText(expected.toArray(String[]::new));
        } catch (PlaywrightException | AssertionError e) {
            throw new AssertionError(
                    "A's browser did not come back to " + roomPath + " on node 2 signed in, with every message once;"
                            + " it is at " + a.url() + " with cookie " + HaproxyFront.COOKIE + "="
                            + HaproxyBrowsers.nodeCookie(a) + "; screenshot: "
                            + BrowserTestSupport.screenshot(a, "node-death-a") + "; its traffic since the kill: "
                            + traffic.save() + "; node 1's log: " + node1.log(),
                    e);
        }
        // Each message once and in the room's order: their sequence numbers rise.
        List<Long> seqs = ((List<?>)
                        a.locator(".message[data-seq]").evaluateAll("nodes => nodes.map(n => n.dataset.seq)"))
                .stream().map(seq -> Long.parseLong(String.valueOf(seq))).toList();
        assertThat(seqs).hasSize(expected.size()).doesNotHaveDuplicates().isSorted();
        step("A sees every message once and in order");

        assertThat(b.locator(onlineEntry(alice))).isVisible();
        step("B sees A online again");
        HaproxyBrowsers.send(a, "A back on node 2");
        assertThat(b.locator(".message-body").last()).hasText("A back on node 2");
        assertThat(b.locator(".message-body")).hasCount(expected.size() + 1);
        step("B sees A's message from node 2; A's browser since the kill: " + traffic.save());

        // Search, in the cluster's OpenSearch, finds every message once: those node 1 committed before it died, and
        // those whose indexing fell to node 1's share of the outbox, which node 2 takes over once node 1's agent has
        // expired (30 s without its pulse).
        SearchService search = node2.getBean(SearchService.class);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> assertThat(search.search(bob.id(), SearchQuery.parse("in:" + room.slug())).hits().stream()
                                        .map(SearchHit::snippetHtml)
                                        .toList())
                                .containsExactlyInAnyOrderElementsOf(
                                        Stream.concat(expected.stream(), Stream.of("A back on node 2"))
                                                .toList()));
        step("search on node 2 finds every message once");
    }

    /** Quick presence, and the message index in the tests' OpenSearch under {@code index}, shared by both nodes. */
    private static String[] nodeSettings(String index) {
        List<String> settings = new ArrayList<>(List.of(QUICK_PRESENCE));
        settings.add(
                "--parley.search.opensearch.url=" + OpenSearchTestServer.get().url());
        settings.add("--parley.search.opensearch.index=" + index);
        return settings.toArray(String[]::new);
    }

    private static String onlineEntry(UserSummary user) {
        return ".member.is-online[data-username='" + user.username() + "']";
    }

    private static String offlineEntry(UserSummary user) {
        return ".member.is-offline[data-username='" + user.username() + "']";
    }

    private void step(String what) {
        System.out.printf("[NodeDeathE2eTest] %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
    }
}
