package dev.parley.cluster;

import dev.parley.base.ClockTimeMeter;
import dev.parley.base.SecretTokens;
import dev.parley.base.SharedBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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
 * <p>While Redis cannot be reached, each node falls back to its own buckets: a limit then holds per node for the length
 * of the outage, and no request waits for Redis.
 */
final class RedisBuckets implements SharedBuckets, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final String prefix;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** @param prefix of every bucket's key, {@code <cluster name>:limit:} */
    RedisBuckets(RedisClient redis, String prefix, Clock clock) {
        this.prefix = prefix;
        this.connection = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(new ClockTimeMeter(clock))
                .requestTimeout(Duration.ofSeconds(2))
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(
            String key, long capacity, Duration period, Supplier<ConsumptionProbe> whenUnreachable) {
        ConsumptionProbe probe;
        try {
            probe = buckets.getProxy(prefix + SecretTokens.hash(key), () -> BucketConfiguration.builder()
                            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                            .build())
                    .tryConsumeAndReturnRemaining(1);
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

    @Override
    public void destroy() {
        connection.close();
    }
}
