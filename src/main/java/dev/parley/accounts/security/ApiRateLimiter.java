package dev.parley.accounts.security;

import dev.parley.base.ClockTimeMeter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The REST API's request limit ({@link ApiRateLimitProperties}): one Bucket4j token bucket per client key (an API
 * token, an account, or a remote address), timed by the application's {@link Clock}. A bucket that has filled up again
 * is dropped, since it is no different from a new one: memory holds only the clients seen within one period, never one
 * bucket per token ever issued.
 */
@Component
class ApiRateLimiter {

    /** What a request took from its bucket: whether it may go on, what is left, and when to retry if not. */
    record Outcome(boolean allowed, long limit, long remaining, Duration retryAfter) {}

    private record Limited(Bucket bucket, long capacity) {}

    private final ConcurrentHashMap<String, Limited> buckets = new ConcurrentHashMap<>();
    private final ApiRateLimitProperties properties;
    private final TimeMeter time;

    ApiRateLimiter(ApiRateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
    }

    /** Takes one request from the bucket of a client with a token ({@code anonymous} false) or without. */
    Outcome acquire(String key, boolean anonymous) {
        long capacity = anonymous ? properties.anonymousCapacity() : properties.capacity();
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        // Consumed under the map's lock for this key: the sweep cannot drop a bucket between its lookup and its use.
        buckets.compute(key, (k, limited) -> {
            Limited current = limited == null ? new Limited(newBucket(capacity), capacity) : limited;
            probe[0] = current.bucket().tryConsumeAndReturnRemaining(1);
            return current;
        });
        return new Outcome(
                probe[0].isConsumed(),
                capacity,
                probe[0].getRemainingTokens(),
                Duration.ofNanos(probe[0].getNanosToWaitForRefill()));
    }

    /** Forgets the clients whose allowance is whole again. */
    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void dropFullBuckets() {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(
                    key, (k, limited) -> limited.bucket().getAvailableTokens() >= limited.capacity() ? null : limited);
        }
    }

    /** How many clients have a bucket now; for tests. */
    int trackedClients() {
        return buckets.size();
    }

    private Bucket newBucket(long capacity) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, properties.period()))
                .withCustomTimePrecision(time)
                .build();
    }
}
