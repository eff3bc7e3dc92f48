package dev.parley.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.base.ClockTimeMeter;
import dev.parley.base.SecretTokens;
import dev.parley.base.SharedBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The limits' buckets in Redis, through Bucket4j's Lettuce integration (compare-and-swap on one key per bucket), on the
 * application's clock. A bucket's key expires once it would be full again, so Redis holds only the clients that used
 * part of their allowance lately. Keys are hashed: a client's key may hold an API token.
 *
 * <p>Each bucket is used through one proxy per node with Bucket4j's batching: the requests of one client that arrive at
 * a node while its bucket is being swapped wait, and are then taken together in the next swap. Without it, every
 * request swapped on its own, and the concurrent requests of one client (a bot posting from several threads, or through
 * several nodes) failed their swaps against each other and retried, for seconds on a busy machine (benchmark's
 * sustained load over two nodes: POST p99 12.3 s, swaps timing out after 2 s). Across nodes, at most one swap per node
 * and bucket is under way. See docs/design-decisions/2026-12-07-batched-redis-limits.md.
 *
 * <p>While Redis cannot be reached, each node falls back to its own buckets: a limit then holds per node for the length
 * of the outage, and no request waits for Redis longer than {@link #TIMEOUT}.
 */
final class RedisBuckets implements SharedBuckets, DisposableBean {

    /** How long a request waits for Redis before its node's own bucket decides instead. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** How long a node keeps the proxy of a bucket nobody here has used: it holds no state but the batching. */
    private static final Duration PROXY_IDLE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final String prefix;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** This node's proxy of each bucket in use, by its key in Redis, capacity and period. */
    private final Cache<ProxyKey, BucketProxy> proxies =
            Caffeine.newBuilder().expireAfterAccess(PROXY_IDLE).build();

    private record ProxyKey(String key, long capacity, Duration period) {}

    /** @param prefix of every bucket's key, {@code <cluster name>:limit:} */
    RedisBuckets(RedisClient redis, String prefix, Clock clock) {
        this.prefix = prefix;
        this.connection = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(new ClockTimeMeter(clock))
                .requestTimeout(TIMEOUT)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(
            String key, long capacity, Duration period, Supplier<ConsumptionProbe> whenUnreachable) {
        ProxyKey proxyKey = new ProxyKey(prefix + SecretTokens.hash(key), capacity, period);
        ConsumptionProbe probe;
        try {
            probe = proxies.get(proxyKey, this::proxy).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            if (unreachable.compareAndSet(false, true)) {
                log.warn(
                        "The shared limits in Redis cannot be reached; each node limits on its own meanwhile: {}",
                        e.toString());
            }
            return whenUnreachable.get();
        }
        if (unreachable.compareAndSet(true, false)) {
            log.info("The shared limits in Redis are reachable again");
        }
        return probe;
    }

    private BucketProxy proxy(ProxyKey key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(key.capacity()).refillGreedy(key.capacity(), key.period()))
                .build();
        return buckets.builder().withOptimization(Optimizations.batching()).build(key.key(), () -> configuration);
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
