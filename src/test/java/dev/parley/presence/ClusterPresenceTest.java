package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.parley.TcpProxy;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.base.NodeName;
import dev.parley.base.WorkClaims;
import dev.parley.cluster.ClusterProperties;
import dev.parley.cluster.RedisBroadcasters;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.LocalBroadcaster;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence over several nodes sharing the real Redis of 127.0.0.1:6379: a user is online while a tab is open on any
 * node, every node's views see the same, and a node that is cut off (node 1 reaches Redis through a proxy the test
 * cuts) takes its users offline on the others within the node timeout, and online again when it is back.
 */
class ClusterPresenceTest {

    private final ClusterProperties properties = new ClusterProperties(
            URI.create("redis://127.0.0.1:6379"),
            "test-" + UUID.randomUUID(),
            Duration.ofMillis(200),
            Duration.ofMillis(1_500));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TcpProxy proxy;
    private final AccountService accounts = mock(AccountService.class);
    private final UserId alice = new UserId(1);
    private final Node node1;
    private final Node node2;

    ClusterPresenceTest() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 6379);
        closing.add(proxy);
        node1 = new Node("node-1", proxy.port());
        node2 = new Node("node-2", 6379);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    @Test
    void a_tab_on_one_node_shows_the_user_online_on_every_node() {
        Queue<Object> seenOn2 = node2.presenceEvents();

        PresenceService.Connection tab = node1.presence.connect(alice, () -> {});

        await().atMost(Duration.ofSeconds(5)).until(() -> node2.presence.isOnline(alice));
        assertThat(node1.presence.isOnline(alice)).isTrue();
        assertThat(node2.presence.onlineUsers()).containsExactly(alice);
        await().atMost(Duration.ofSeconds(5)).until(() -> seenOn2.contains(new PresenceChanged(alice, true, null)));

        tab.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !node2.presence.isOnline(alice));
        assertThat(seenOn2).hasSize(2).last().matches(event -> !((PresenceChanged) event).online());
    }

    @Test
    void a_user_with_tabs_on_two_nodes_stays_online_until_the_last_closes() throws Exception {
        Queue<Object> seenOn1 = node1.presenceEvents();
        PresenceService.Connection on1 = node1.presence.connect(alice, () -> {});
        PresenceService.Connection on2 = node2.presence.connect(alice, () -> {});
        // Each node tells its changes in order on one channel: once another user's later tab is seen, so is Alice's.
        UserId bob = new UserId(2);
        node2.presence.connect(bob, () -> {});
        await().atMost(Duration.ofSeconds(5)).until(() -> node1.presence.isOnline(bob));

        on1.close();
        UserId carol = new UserId(3);
        node1.presence.connect(carol, () -> {});
        await().atMost(Duration.ofSeconds(5))
                .until(() -> node1.presence.isOnline(carol) && node2.presence.isOnline(carol));

        assertThat(node1.presence.isOnline(alice)).isTrue();
        assertThat(node2.presence.isOnline(alice)).isTrue();
        assertThat(seenOn1)
                .filteredOn(event ->
                        event instanceof PresenceChanged change && change.user().equals(alice))
                .containsExactly(new PresenceChanged(alice, true, null));

        on2.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !node1.presence.isOnline(alice));
        assertThat(seenOn1)
                .filteredOn(event ->
                        event instanceof PresenceChanged change && change.user().equals(alice))
                .hasSize(2);
    }

    @Test
    void a_node_that_starts_learns_who_is_online_already() {
        node1.presence.connect(alice, () -> {});
        await().atMost(Duration.ofSeconds(5)).until(() -> node2.presence.isOnline(alice));

        Node node3 = new Node("node-3", 6379);

        await().atMost(Duration.ofSeconds(5)).until(() -> node3.presence.isOnline(alice));
    }

    @Test
    void a_node_that_stops_takes_its_users_offline_at_once() {
        node1.presence.connect(alice, () -> {});
        await().atMost(Duration.ofSeconds(5)).until(() -> node2.presence.isOnline(alice));

        node1.presence.stop();

        await().atMost(Duration.ofMillis(1_000)).until(() -> !node2.presence.isOnline(alice));
    }

    @Test
    void a_node_cut_off_takes_its_users_offline_elsewhere_until_it_is_back() {
        Queue<Object> seenOn2 = node2.presenceEvents();
        node1.presence.connect(alice, () -> {});
        await().atMost(Duration.ofSeconds(5)).until(() -> node2.presence.isOnline(alice));

        proxy.cut();

        await().atMost(Duration.ofSeconds(10)).until(() -> !node2.presence.isOnline(alice));
        PresenceChanged offline = lastPresence(seenOn2);
        assertThat(offline.online()).isFalse();
        assertThat(offline.lastSeen()).isNotNull();
        verify(accounts, timeout(2_000)).recordLastSeen(eq(List.of(alice)), any());

        proxy.restore();

        await().atMost(Duration.ofSeconds(15)).until(() -> node2.presence.isOnline(alice));
        // Node 1 could not publish while cut off, so every node also hears that events may have been missed.
        assertThat(lastPresence(seenOn2)).isEqualTo(new PresenceChanged(alice, true, null));
    }

    private static PresenceChanged lastPresence(Queue<Object> events) {
        return events.stream()
                .filter(PresenceChanged.class::isInstance)
                .map(PresenceChanged.class::cast)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    /** One node: its own broadcasters, connected to Redis directly or through the proxy. */
    private final class Node {

        final LocalBroadcaster local = new LocalBroadcaster();
        final Broadcaster cluster;
        final PresenceService presence;

        Node(String name, int redisPort) {
            closing.add(local::destroy);
            cluster = RedisBroadcasters.forTest(name, redisPort, properties.name() + ":events", local, closing);
            presence = new PresenceService(
                    cluster,
                    local,
                    accounts,
                    new PresenceProperties(Duration.ofSeconds(80), Duration.ofSeconds(10)),
                    Clock.systemUTC(),
                    properties,
                    new NodeName(name, 0),
                    WorkClaims.ALONE);
            closing.add(presence::stop);
        }

        Queue<Object> presenceEvents() {
            Queue<Object> events = new ConcurrentLinkedQueue<>();
            closing.add(local.subscribe(PresenceChanged.TOPIC, events::add));
            return events;
        }
    }
}
