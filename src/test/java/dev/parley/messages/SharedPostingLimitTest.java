package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.MutableClock;
import dev.parley.TcpProxy;
import dev.parley.accounts.UserId;
import dev.parley.base.RateLimitedException;
import dev.parley.base.SharedBuckets;
import dev.parley.cluster.RedisBroadcasters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The posting limit on two nodes sharing the real Redis of 127.0.0.1:6379: spreading posts over the nodes gives no more
 * than one node allows; a node cut off from Redis (through a proxy the test cuts) limits on its own meanwhile.
 */
class SharedPostingLimitTest {

    private final MutableClock clock = new MutableClock();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String prefix = "test-" + UUID.randomUUID() + ":limit:";
    private final UserId alice = new UserId(1);
    private final TcpProxy proxy;
    private final MessageRateLimiter node1;
    private final MessageRateLimiter node2;

    SharedPostingLimitTest() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 6379);
        closing.add(proxy);
        node1 = limiter(proxy.port());
        node2 = limiter(6379);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    @Test
    void posts_spread_over_the_nodes_share_one_allowance() {
        for (int i = 0; i < 10; i++) {
            (i % 2 == 0 ? node1 : node2).acquire(alice);
        }

        assertThatThrownBy(() -> node1.acquire(alice)).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> node2.acquire(alice)).isInstanceOf(RateLimitedException.class);
        // Another user, and a webhook with alice's id, have allowances of their own.
        node2.acquire(new UserId(2));
        node1.acquire(new MessageRateLimiter.WebhookKey(1));

        clock.advance(Duration.ofSeconds(1));
        node2.acquire(alice);
        assertThatThrownBy(() -> node1.acquire(alice)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void a_node_cut_off_from_redis_limits_on_its_own_until_it_is_back() {
        for (int i = 0; i < 10; i++) {
            node2.acquire(alice);
        }
        assertThatThrownBy(() -> node1.acquire(alice)).isInstanceOf(RateLimitedException.class);

        proxy.cut();
        // Node 1's own allowance: posting goes on without waiting for Redis, still limited.
        for (int i = 0; i < 10; i++) {
            node1.acquire(alice);
        }
        assertThatThrownBy(() -> node1.acquire(alice)).isInstanceOf(RateLimitedException.class);

        proxy.restore();
        // Shared again once node 1 has reconnected: a user whose allowance node 2 used up is refused on node 1 too.
        AtomicLong user = new AtomicLong(100);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            UserId next = new UserId(user.incrementAndGet());
            for (int i = 0; i < 10; i++) {
                node2.acquire(next);
            }
            assertThatThrownBy(() -> node1.acquire(next)).isInstanceOf(RateLimitedException.class);
        });
    }

    private MessageRateLimiter limiter(int redisPort) {
        SharedBuckets buckets = RedisBroadcasters.buckets(redisPort, prefix, clock, closing);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("buckets", buckets));
        MessageRateLimitProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("parley.messages.rate-limit", MessageRateLimitProperties.class);
        return new MessageRateLimiter(properties, clock, beans.getBeanProvider(SharedBuckets.class));
    }
}
