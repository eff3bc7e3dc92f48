package dev.parley.cluster;

import dev.parley.base.SecretTokens;
import dev.parley.base.SharedBuckets;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The limits' buckets in Redis, shared by every node: one Lua script per request takes a token, so that Redis does the
 * whole step at once and requests of one client on several nodes never retry against each other. Time is the
 * application's clock, in microseconds. A bucket's key expires once it would be full again, so Redis holds only the
 * clients that used part of their allowance lately. Keys are hashed: a client's key may hold an API token.
 *
 * <p>Not Bucket4j's Redis integration: it updates a bucket by compare-and-swap, and under concurrent requests of one
 * client (a bot posting from several threads, a client spread over nodes) most of them failed their swap and tried
 * again, for seconds (benchmark's sustained load over two nodes: POST p99 12.3 s, the swaps timing out after 2 s). See
 * docs/design-decisions/2026-12-07-limits-in-one-redis-script.md.
 *
 * <p>While Redis cannot be reached, each node falls back to its own buckets: a limit then holds per node for the length
 * of the outage, and no request waits for Redis longer than {@link #TIMEOUT}.
 */
final class RedisBuckets implements SharedBuckets, DisposableBean {

    /** How long a request waits for Redis before its node's own bucket decides instead. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * A token bucket refilled evenly ("greedy", as Bucket4j's): {@code tokens} (fractional) as of {@code at}.
     * Arguments: capacity, period and now, both in microseconds. Answers whether a token was taken, the whole tokens
     * left, and the microseconds until the next token and until the bucket is full.
     */
    private static final String TAKE_ONE = """
            local capacity = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local now = tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then
              tokens = capacity
              at = now
            elseif now > at then
              tokens = math.min(capacity, tokens + (now - at) * capacity / period)
              at = now
            end
            local taken = 0
            if tokens >= 1 then
              tokens = tokens - 1
              taken = 1
            end
            local untilFull = math.ceil((capacity - tokens) * period / capacity)
            local untilNext = 0
            if taken == 0 then
              untilNext = math.ceil((1 - tokens) * period / capacity)
            end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.0f', at))
            redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(untilFull / 1000)))
            return {taken, math.floor(tokens), untilNext, untilFull}
            """;

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    private final StatefulRedisConnection<String, String> connection;
    private final String digest;
    private final String prefix;
    private final Clock clock;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** @param prefix of every bucket's key, {@code <cluster name>:limit:} */
    RedisBuckets(RedisClient redis, String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
        this.connection = redis.connect();
        connection.setTimeout(TIMEOUT);
        this.digest = connection.sync().digest(TAKE_ONE);
    }

    @Override
    public ConsumptionProbe tryConsume(
            String key, long capacity, Duration period, Supplier<ConsumptionProbe> whenUnreachable) {
        List<Object> answer;
        try {
            answer = takeOne(
                    prefix + SecretTokens.hash(key),
                    Long.toString(capacity),
                    Long.toString(period.toNanos() / 1000),
                    Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant())));
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
        long remaining = (Long) answer.get(1);
        long nanosToNext = TimeUnit.MICROSECONDS.toNanos((Long) answer.get(2));
        long nanosToFull = TimeUnit.MICROSECONDS.toNanos((Long) answer.get(3));
        return (Long) answer.get(0) == 1
                ? ConsumptionProbe.consumed(remaining, nanosToFull)
                : ConsumptionProbe.rejected(remaining, nanosToNext, nanosToFull);
    }

    /** Runs the script by its digest; sends it whole when Redis does not have it (new, or restarted since). */
    private List<Object> takeOne(String key, String... args) {
        RedisCommands<String, String> commands = connection.sync();
        String[] keys = {key};
        try {
            return commands.evalsha(digest, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(TAKE_ONE, ScriptOutputType.MULTI, keys, args);
        }
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
