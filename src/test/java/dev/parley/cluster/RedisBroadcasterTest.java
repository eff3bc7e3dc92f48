package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.TcpProxy;
import dev.parley.accounts.UserId;
import dev.parley.presence.PresenceChanged;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.ClockTick;
import dev.parley.realtime.EventsMissed;
import dev.parley.realtime.LinkChanged;
import dev.parley.realtime.LocalBroadcaster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Two nodes' broadcasters on the real Redis of 127.0.0.1:6379, each with its own subscribers; node 1 reaches Redis
 * through a proxy the tests cut, as when Redis restarts or the network fails. Each test has a cluster name of its own,
 * so that tests running at the same time do not see each other's events.
 */
class RedisBroadcasterTest {

    private final String channel = "test-" + UUID.randomUUID() + ":events";
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TcpProxy proxy;
    private final LocalBroadcaster local1 = new LocalBroadcaster();
    private final LocalBroadcaster local2 = new LocalBroadcaster();
    private final RedisBroadcaster node1;
    private final RedisBroadcaster node2;

    RedisBroadcasterTest() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 6379);
        closing.add(proxy);
        closing.add(local1::destroy);
        closing.add(local2::destroy);
        node1 = node("node-1", proxy.port(), local1);
        node2 = node("node-2", 6379, local2);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    @Test
    void an_event_reaches_the_subscribers_of_every_node_as_it_was_published() {
        Queue<Object> on1 = subscribe(node1, "room:1");
        Queue<Object> on2 = subscribe(node2, "room:1");
        PresenceChanged event = new PresenceChanged(new UserId(7), false, Instant.parse("2026-12-07T10:00:00Z"));

        node1.publish("room:1", event);

        await().atMost(Duration.ofSeconds(5)).until(() -> on1.size() == 1 && on2.size() == 1);
        assertThat(on1).containsExactly(event);
        assertThat(on2).containsExactly(event);
    }

    /**
     * At shutdown, beans destroyed after the broadcaster (the read positions flushed last) still announce what they
     * write: their own node's views hear it, and the node does not warn that Redis failed.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void after_a_clean_stop_events_stay_on_the_node_without_a_warning(CapturedOutput output) {
        Queue<Object> on1 = subscribe(node1, "room:3");
        Queue<Object> on2 = subscribe(node2, "room:3");
        PresenceChanged event = new PresenceChanged(new UserId(7), false, Instant.parse("2026-12-07T10:00:00Z"));

        node1.destroy();
        node1.publish("room:3", event);

        await().atMost(Duration.ofSeconds(5)).until(() -> on1.size() == 1);
        assertThat(on1).containsExactly(event);
        assertThat(on2).isEmpty();
        assertThat(output).doesNotContain("Could not publish");
    }

    @Test
    void every_subscriber_on_every_node_sees_a_topics_events_once_in_the_same_order() throws Exception {
        Queue<Object> on1 = subscribe(node1, "room:2");
        Queue<Object> on2 = subscribe(node2, "room:2");
        int each = 500;

        Thread from1 = Thread.ofVirtual().start(() -> publishMany(node1, 0, each));
        Thread from2 = Thread.ofVirtual().start(() -> publishMany(node2, 1_000_000, each));
        from1.join();
        from2.join();

        await().atMost(Duration.ofSeconds(20)).until(() -> on1.size() == 2 * each && on2.size() == 2 * each);
        assertThat(List.copyOf(on1)).isEqualTo(List.copyOf(on2)).doesNotHaveDuplicates();
        // Each node's own publications keep their order.
        assertThat(values(on1, 0, each)).isSorted();
        assertThat(values(on1, 1_000_000, each)).isSorted();
    }

    @Test
    void an_event_that_is_not_shared_stays_on_its_node() {
        Queue<Object> on1 = subscribe(node1, ClockTick.TOPIC);
        Queue<Object> on2 = subscribe(node2, ClockTick.TOPIC);
        ClockTick tick = new ClockTick(Instant.EPOCH);
        PresenceChanged after = new PresenceChanged(new UserId(1), true, null);

        node1.publish(ClockTick.TOPIC, tick);
        // A shared event after it: had the tick gone through Redis, node 2 would get it first.
        node1.publish(ClockTick.TOPIC, after);

        await().atMost(Duration.ofSeconds(5)).until(() -> on1.size() == 2 && on2.contains(after));
        assertThat(on1).containsExactlyInAnyOrder(tick, after);
        assertThat(on2).containsExactly(after);
    }

    @Test
    void a_node_that_lost_redis_tells_its_subscribers_to_catch_up_once_it_is_back() {
        Queue<Object> on1 = subscribe(node1, "room:4");
        Queue<Object> on2 = subscribe(node2, "room:4");

        proxy.cut();
        // Published by the other node while node 1 is cut off: node 1 never receives it.
        node2.publish("room:4", new PresenceChanged(new UserId(2), true, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> on2.size() == 1);
        proxy.restore();

        await().atMost(Duration.ofSeconds(20)).until(() -> on1.contains(EventsMissed.INSTANCE));
        assertThat(on1).containsExactly(new LinkChanged(false), new LinkChanged(true), EventsMissed.INSTANCE);
        // Live again: what node 2 publishes now reaches node 1 as before.
        PresenceChanged after = new PresenceChanged(new UserId(3), true, null);
        node2.publish("room:4", after);
        await().atMost(Duration.ofSeconds(5)).until(() -> on1.contains(after));
    }

    @Test
    void a_subscriber_that_comes_while_the_link_is_down_hears_so_at_once() {
        subscribe(node1, "room:6");
        proxy.cut();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Queue<Object> late = subscribe(node1, "room:6");
            return late.contains(new LinkChanged(false));
        });
        Queue<Object> onNode2 = subscribe(node2, "room:6");
        assertThat(onNode2).isEmpty();
    }

    @Test
    void a_node_that_could_not_publish_makes_every_node_catch_up_once_it_can() {
        Queue<Object> on1 = subscribe(node1, "room:5");
        Queue<Object> on2 = subscribe(node2, "room:5");

        proxy.cut();
        // Lost: node 1 cannot reach Redis. Its change is stored, so the other nodes catch up from the database.
        node1.publish("room:5", new PresenceChanged(new UserId(4), true, null));
        proxy.restore();

        await().atMost(Duration.ofSeconds(20)).until(() -> on2.contains(EventsMissed.INSTANCE));
        await().atMost(Duration.ofSeconds(20)).until(() -> on1.contains(EventsMissed.INSTANCE));
        assertThat(on2).containsOnly(EventsMissed.INSTANCE);
        assertThat(on1).contains(new LinkChanged(false), new LinkChanged(true));
    }

    private RedisBroadcaster node(String name, int port, LocalBroadcaster local) {
        return (RedisBroadcaster) RedisBroadcasters.forTest(name, port, channel, local, closing);
    }

    private Queue<Object> subscribe(RedisBroadcaster node, String topic) {
        Queue<Object> received = new ConcurrentLinkedQueue<>();
        Subscription subscription = node.subscribe(topic, received::add);
        closing.add(subscription);
        return received;
    }

    private static void publishMany(RedisBroadcaster node, long first, int count) {
        for (int i = 0; i < count; i++) {
            node.publish("room:2", new PresenceChanged(new UserId(first + i), true, null));
        }
    }

    private static List<Long> values(Queue<Object> received, long first, int count) {
        return received.stream()
                .map(event -> ((PresenceChanged) event).user().value())
                .filter(value -> value >= first && value < first + count)
                .toList();
    }
}
