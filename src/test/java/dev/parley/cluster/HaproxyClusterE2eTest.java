package dev.parley.cluster;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.cluster.HaproxyBrowsers.nodeCookie;
import static dev.parley.cluster.HaproxyBrowsers.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.Application;
import dev.parley.Fixtures;
import dev.parley.PostgresTestDatabase;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.UserSummary;
import dev.parley.e2e.BrowserTestSupport;
import dev.parley.files.S3TestServer;
import dev.parley.files.TestFiles;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.search.OpenSearchTestIndex;
import dev.parley.search.OpenSearchTestServer;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A cluster as it is deployed: Debian's HAProxy with the shipped {@code deploy/haproxy.cfg} in front of two whole
 * Parley nodes in cluster mode (one PostgreSQL database made for the test, the Redis of 127.0.0.1, their files in one
 * bucket of the tests' S3Mock), and real Chromium browsers that only ever talk to HAProxy. Each browser stays on its
 * node by HAProxy's cookie, its push goes over a WebSocket through HAProxy, and what one node's browser does, the other
 * node's browser sees live, an image dropped on one node included, and found by a search on the other (both nodes
 * search one index in the tests' OpenSearch). A node that is out of service, or stopped, gets no new browsers while the
 * other serves, and the browsers open on a node that stops go on on the other by themselves, still signed in.
 *
 * <p>The nodes run in this JVM, as in {@link TwoNodesTest}: the normal suite runs before the jar is packaged. A node
 * killed as by kill -9 is {@link NodeDeathE2eTest}'s, in a process of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyClusterE2eTest {

    private Path temp;
    private String database;
    private SecurityContextHolderStrategy strategyBefore;
    private ConfigurableApplicationContext node1;
    private ConfigurableApplicationContext node2;
    private HaproxyFront haproxy;
    private HaproxyBrowsers browsers;
    /** The bucket of S3Mock that both nodes keep their files in, as a cluster's nodes share one. */
    private String bucket;
    /** The index in the tests' OpenSearch that both nodes search, as a cluster's nodes share one. */
    private String index;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        this.temp = temp;
        strategyBefore = SecurityContextHolder.getContextHolderStrategy();
        database = PostgresTestDatabase.create();
        String cluster = "test-" + UUID.randomUUID();
        bucket = S3TestServer.get().createBucket();
        index = OpenSearchTestIndex.newIndexName();
        node1 = node("node-1", cluster);
        node2 = node("node-2", cluster);
        haproxy = HaproxyFront.start(HaproxyNodes.port(node1), HaproxyNodes.port(node2));
        haproxy.awaitServing("node1");
        haproxy.awaitServing("node2");
        browsers = new HaproxyBrowsers(haproxy);
    }

    @AfterAll
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
        if (database != null) {
            PostgresTestDatabase.drop(database);
        }
        SecurityContextHolder.setContextHolderStrategy(strategyBefore);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.closePages();
    }

    @Test
    @Order(1)
    void browsers_on_two_nodes_see_presence_messages_typing_reactions_and_a_ban_live() {
        UserSummary alice = Fixtures.user(node1.getBean(AccountService.class), "alice");
        UserSummary bob = Fixtures.user(node2.getBean(AccountService.class), "bob");
        RoomSummary room =
                node1.getBean(RoomService.class).create(alice.id(), "Across " + alice.username(), null, false);
        node2.getBean(Memberships.class).join(bob.id(), room.slug());
        List<String> pushSockets = new CopyOnWriteArrayList<>();

        Page a = browsers.signIn(newPage("node1", pushSockets), alice, "/rooms/" + room.slug());
        Page b = browsers.signIn(newPage("node2", pushSockets), bob, "/rooms/" + room.slug());

        // Each browser stayed on the node it came to: its cookie, and its session there and only there.
        assertThat(nodeCookie(a)).isEqualTo("node1");
        assertThat(nodeCookie(b)).isEqualTo("node2");
        assertThat(node1.getBean(ActiveSessions.class).signedInUsers()).contains(alice.id());
        assertThat(node2.getBean(ActiveSessions.class).signedInUsers()).doesNotContain(alice.id());
        assertThat(node2.getBean(ActiveSessions.class).signedInUsers()).contains(bob.id());
        assertThat(node1.getBean(ActiveSessions.class).signedInUsers()).doesNotContain(bob.id());
        // Each node lists every browser of the user, whichever node holds its session.
        assertThat(node2.getBean(ActiveSessions.class).of(alice.id(), null)).hasSize(1);

        // Presence crosses nodes.
        assertThat(b.locator(".member.is-online[data-username='" + alice.username() + "']"))
                .isVisible();
        assertThat(a.locator(".member.is-online[data-username='" + bob.username() + "']"))
                .isVisible();

        // A message each way, pushed over each browser's WebSocket through HAProxy.
        send(a, "Hello from node 1");
        assertThat(b.locator(".message-body").last()).hasText("Hello from node 1");
        send(b, "Hello back from node 2");
        assertThat(a.locator(".message-body").last()).hasText("Hello back from node 2");
        assertThat(pushSockets)
                .as("push WebSockets through HAProxy")
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(url -> url.startsWith("ws://127.0.0.1:" + haproxy.port() + "/VAADIN/push"));

        // Typing: long enough that it cannot run out (2 s after the last keystroke) before B's page shows it.
        Locator typing = b.locator(".typing-indicator");
        a.locator("vaadin-text-area.composer-input textarea")
                .pressSequentially(
                        "Typing slowly across the cluster", new Locator.PressSequentiallyOptions().setDelay(100));
        assertThat(typing).hasText(alice.displayName() + " is typing…");
        a.locator("vaadin-text-area.composer-input textarea").press("Enter");
        assertThat(b.locator(".message-body").last()).hasText("Typing slowly across the cluster");
        assertThat(typing).isEmpty();

        // B reacts on node 2; A sees the chip on node 1.
        Locator bobsView = b.locator(".message").last();
        bobsView.hover();
        bobsView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("React with 🎉"))
                .click();
        Locator chip = a.locator(".message").last().locator(".reaction[data-emoji='🎉']");
        assertThat(chip).hasText("🎉 1");
        assertThat(chip).hasAttribute("title", bob.displayName());

        // A, the room's admin on node 1, bans B: B's open room on node 2 closes at once.
        a.locator(".member[data-username='" + bob.username() + "']").click();
        a.locator("vaadin-context-menu-item")
                .filter(new Locator.FilterOptions().setHasText("Ban…"))
                .click();
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ban").setExact(true))
                .click();

        assertThat(b).hasURL(haproxy.url("/"));
        assertThat(b.locator("vaadin-notification-card").last())
                .containsText(alice.displayName() + " banned you from #" + room.name());
        assertThat(a.locator(".member[data-username='" + bob.username() + "']")).hasCount(0);
    }

    @Test
    @Order(2)
    void an_image_dropped_on_node_1_is_seen_and_downloaded_on_node_2() {
        UserSummary carol = Fixtures.user(node1.getBean(AccountService.class), "carol");
        UserSummary dan = Fixtures.user(node1.getBean(AccountService.class), "dan");
        RoomSummary room =
                node1.getBean(RoomService.class).create(carol.id(), "Photos " + carol.username(), null, false);
        node1.getBean(Memberships.class).join(dan.id(), room.slug());
        Page c = browsers.signIn(newPage("node1", null), carol, "/rooms/" + room.slug());
        Page d = browsers.signIn(newPage("node2", null), dan, "/rooms/" + room.slug());
        assertThat(nodeCookie(c)).isEqualTo("node1");
        assertThat(nodeCookie(d)).isEqualTo("node2");

        // A real drop of an image on the conversation, as the browser delivers it from the desktop.
        byte[] png = TestFiles.png(320, 200);
        JSHandle dropped = c.evaluateHandle(
                "png => { const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));"
                        + " const transfer = new DataTransfer();"
                        + " transfer.items.add(new File([bytes], 'chart.png', {type: 'image/png'}));"
                        + " return transfer; }",
                Base64.getEncoder().encodeToString(png));
        Locator dropZone = c.locator(".room-drop-zone");
        dropZone.dispatchEvent("dragenter", Map.of("dataTransfer", dropped));
        dropZone.dispatchEvent("dragover", Map.of("dataTransfer", dropped));
        dropZone.dispatchEvent("drop", Map.of("dataTransfer", dropped));
        assertThat(c.locator(".composer-files vaadin-upload-file[complete]")).hasCount(1);
        send(c, "the chart");

        // Dan, on node 2, sees the thumbnail node 1 stored in the bucket, really loaded, and downloads the original.
        Locator message = d.locator(".message").last();
        assertThat(message.locator(".message-body")).hasText("the chart");
        Locator thumbnail = message.locator(".attachment-image img");
        assertThat(thumbnail).hasAttribute("alt", "chart.png");
        d.waitForFunction("img => img.complete && img.naturalWidth > 0", thumbnail.elementHandle());
        String file = message.locator(".attachment-image").getAttribute("data-file");
        APIResponse download = d.request().get(haproxy.url("/files/" + file));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
        assertThat(nodeCookie(d)).isEqualTo("node2");

        // Dan searches on node 2 for Carol's message, posted on node 1 and indexed in the cluster's OpenSearch, and
        // the hit opens the room at it. Node 2 finds it first (the outbox is read every 100 ms, OpenSearch shows new
        // documents within a second); then the browser searches.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> node2.getBean(SearchService.class)
                                .search(dan.id(), SearchQuery.parse("chart"))
                                .total()
                        == 1);
        d.locator("#search-field input").fill("chart");
        Locator hit = d.locator(".search-hit").filter(new Locator.FilterOptions().setHasText(room.name()));
        assertThat(hit).containsText(carol.displayName());
        assertThat(hit.locator("mark").first()).hasText("chart");
        hit.click();
        assertThat(d).hasURL(Pattern.compile(".*/rooms/" + room.slug() + "\\?message=1$"));
        assertThat(d.locator(".message.focused")).containsText("the chart");
        assertThat(nodeCookie(d)).isEqualTo("node2");
    }

    @Test
    @Order(3)
    void a_node_out_of_service_gets_no_new_browsers_while_the_other_serves() {
        UserSummary carol = Fixtures.user(node1.getBean(AccountService.class), "carol");
        UserSummary dave = Fixtures.user(node1.getBean(AccountService.class), "dave");
        RoomSummary room =
                node1.getBean(RoomService.class).create(carol.id(), "Drain " + carol.username(), null, false);
        node1.getBean(Memberships.class).join(dave.id(), room.slug());

        // What a node does first when told to stop (ReadinessTest): its readiness says OUT_OF_SERVICE.
        AvailabilityChangeEvent.publish(node2, ReadinessState.REFUSING_TRAFFIC);
        try {
            haproxy.awaitOut("node2");
            for (int i = 0; i < 6; i++) {
                assertThat(haproxy.nodeFor(null)).as("a new browser's node").isEqualTo("node1");
            }

            // A new browser, and one that was on node 2 before: both are served by node 1.
            Page c = browsers.signIn(newPage(null, null), carol, "/rooms/" + room.slug());
            Page d = browsers.signIn(newPage("node2", null), dave, "/rooms/" + room.slug());
            assertThat(nodeCookie(c)).isEqualTo("node1");
            assertThat(nodeCookie(d)).isEqualTo("node1");
            assertThat(node2.getBean(ActiveSessions.class).signedInUsers()).doesNotContain(carol.id(), dave.id());

            send(c, "Node 2 is resting");
            assertThat(d.locator(".message-body").last()).hasText("Node 2 is resting");
        } finally {
            AvailabilityChangeEvent.publish(node2, ReadinessState.ACCEPTING_TRAFFIC);
        }
        haproxy.awaitServing("node2");
    }

    @Test
    @Order(4)
    void a_node_stopped_gracefully_is_taken_out_and_its_open_browsers_go_on_on_the_other_signed_in() {
        UserSummary erin = Fixtures.user(node1.getBean(AccountService.class), "erin");
        UserSummary frank = Fixtures.user(node1.getBean(AccountService.class), "frank");
        RoomSummary room = node1.getBean(RoomService.class).create(erin.id(), "Stop " + erin.username(), null, false);
        node1.getBean(Memberships.class).join(frank.id(), room.slug());
        String roomPath = "/rooms/" + room.slug();
        Page e = browsers.signIn(newPage("node2", null), erin, roomPath);
        assertThat(nodeCookie(e)).isEqualTo("node2");
        send(e, "Before node 2 stops");
        assertThat(e.locator(".message-body").last()).hasText("Before node 2 stops");
        HaproxyBrowsers.markPage(e);

        node2.close();

        haproxy.awaitOut("node2");
        // Nothing is done in Erin's browser: its page finds its way to node 1 by itself, still signed in.
        try {
            e.waitForCondition(
                    () -> HaproxyBrowsers.loadedAnotherPage(e)
                            && "node1".equals(nodeCookie(e))
                            && URI.create(e.url()).getPath().equals(roomPath)
                            && e.locator("vaadin-app-layout").isVisible(),
                    new Page.WaitForConditionOptions().setTimeout(60_000));
        } catch (PlaywrightException failure) {
            throw new AssertionError(
                    "Erin's browser did not come back to " + roomPath + " on node 1; it is at " + e.url()
                            + " with cookie " + HaproxyFront.COOKIE + "=" + nodeCookie(e) + "; screenshot: "
                            + BrowserTestSupport.screenshot(e, "graceful-stop-erin"),
                    failure);
        }
        assertThat(e.locator(".message.mine .message-body")).hasText("Before node 2 stops");
        send(e, "Still here on node 1");
        assertThat(e.locator(".message-body").last()).hasText("Still here on node 1");

        // A browser that HAProxy had sent to node 2 before, signing in now, is served by node 1 too.
        Page f = browsers.signIn(newPage("node2", null), frank, roomPath);
        assertThat(nodeCookie(f)).isEqualTo("node1");
        assertThat(f.locator(".message-body")).hasText(new String[] {"Before node 2 stops", "Still here on node 1"});
    }

    private ConfigurableApplicationContext node(String name, String cluster) {
        return new SpringApplicationBuilder(Application.class)
                .run(HaproxyNodes.settings(
                        database,
                        cluster,
                        name,
                        temp.resolve(name),
                        0,
                        Stream.concat(
                                        S3TestServer.get().arguments(bucket).stream(),
                                        Stream.of(
                                                "--parley.search.opensearch.url="
                                                        + OpenSearchTestServer.get()
                                                                .url(),
                                                "--parley.search.opensearch.index=" + index))
                                .toArray(String[]::new)));
    }

    /**
     * A new person at a new browser that HAProxy has already sent to {@code node}, or a browser new to HAProxy
     * ({@code null}); the addresses of its push WebSockets go to {@code pushSockets}.
     */
    private Page newPage(@Nullable String node, @Nullable List<String> pushSockets) {
        Page page = browsers.newPage(node);
        if (pushSockets != null) {
            page.onWebSocket(socket -> pushSockets.add(socket.url()));
        }
        return page;
    }
}
