package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.MutableClock;
import dev.parley.TcpProxy;
import dev.parley.base.SecretTokens;
import dev.parley.base.SharedBuckets;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared limits' buckets on the real Redis of 127.0.0.1:6379, two nodes' worth. */
class RedisBucketsTest {

    private final MutableClock clock = new MutableClock();
    private final String prefix = "test-" + UUID.randomUUID() + ":limit:";
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TcpProxy slowLink;
    private final SharedBuckets node1;
    private final SharedBuckets node2;
    private final AtomicInteger fellBack = new AtomicInteger();
    private final Supplier<ConsumptionProbe> unreachable = () -> {
        fellBack.incrementAndGet();
        return ConsumptionProbe.rejected(0, 0, 0);
    };

    /** Both nodes reach Redis through a proxy the test may slow down. */
    RedisBucketsTest() throws Exception {
        slowLink = new TcpProxy("127.0.0.1", 6379);
        closing.add(slowLink);
        node1 = RedisBroadcasters.buckets(slowLink.port(), prefix, clock, closing);
        node2 = RedisBroadcasters.buckets(slowLink.port(), prefix, clock, closing);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
    }

    /**
     * The concurrent requests of one client, with a few milliseconds between reading a bucket and swapping it (a busy
     * node is that slow; here the nodes' link to Redis is): exactly the allowance is taken, and none waits so long for
     * the others' swaps that it falls back to its node's own bucket. Each node batches the requests it has for one
     * bucket into one swap; without that, this took 17 s instead of well under one.
     */
    @Test
    void many_requests_of_one_client_at_once_on_two_nodes_take_exactly_the_allowance_without_waiting_for_each_other()
            throws Exception {
        slowLink.delay(Duration.ofMillis(5));
        int threads = 64;
        int each = 25;
        long capacity = 1000;
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                SharedBuckets node = t % 2 == 0 ? node1 : node2;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        if (node.tryConsume("bot", capacity, Duration.ofMinutes(1), unreachable)
                                .isConsumed()) {
                            taken.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }

        assertThat(fellBack).as("requests that Redis did not answer in time").hasValue(0);
        assertThat(taken).hasValue((int) capacity);
    }

    @Test
    void a_bucket_refills_evenly_and_says_how_long_until_the_next_token() {
        for (int i = 9; i >= 0; i--) {
            ConsumptionProbe probe = node1.tryConsume("alice", 10, Duration.ofSeconds(1), unreachable);
            assertThat(probe.isConsumed()).isTrue();
            assertThat(probe.getRemainingTokens()).isEqualTo(i);
        }
        ConsumptionProbe refused = node2.tryConsume("alice", 10, Duration.ofSeconds(1), unreachable);
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill())
                .isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(refused.getNanosToWaitForReset())
                .isEqualTo(Duration.ofSeconds(1).toNanos());

        clock.advance(Duration.ofMillis(60));
        refused = node2.tryConsume("alice", 10, Duration.ofSeconds(1), unreachable);
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill())
                .isEqualTo(Duration.ofMillis(40).toNanos());

        clock.advance(Duration.ofMillis(40));
        assertThat(node2.tryConsume("alice", 10, Duration.ofSeconds(1), unreachable)
                        .isConsumed())
                .isTrue();
        assertThat(node1.tryConsume("alice", 10, Duration.ofSeconds(1), unreachable)
                        .isConsumed())
                .isFalse();

        clock.advance(Duration.ofHours(1));
        assertThat(node1.tryConsume("alice", 10, Duration.ofSeconds(1), unreachable)
                        .getRemainingTokens())
                .as("full again, not more than full")
                .isEqualTo(9);
        assertThat(fellBack).hasValue(0);
    }

    @Test
    void redis_keeps_a_bucket_until_it_would_be_full_again_and_ten_seconds_more_under_a_hashed_key() {
        node1.tryConsume("token secret", 10, Duration.ofSeconds(10), unreachable);

        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        closing.add(client::shutdown);
        StatefulRedisConnection<String, String> redis = client.connect();
        closing.add(redis);
        assertThat(redis.sync().keys(prefix + "*")).containsExactly(prefix + SecretTokens.hash("token secret"));
        assertThat(redis.sync().pttl(prefix + SecretTokens.hash("token secret")))
                .isBetween(1L, Duration.ofSeconds(1 + 10).toMillis());
    }
}
