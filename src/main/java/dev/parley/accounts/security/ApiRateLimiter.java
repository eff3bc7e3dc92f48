package dev.parley.accounts.security;

import dev.parley.base.ClockTimeMeter;
import dev.parley.base.SharedBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The REST API's request limit ({@link ApiRateLimitProperties}): one Bucket4j token bucket per client key (an API
 * token, an account, or a remote address), timed by the application's {@link Clock}. A bucket that has filled up again
 * is dropped, since it is no different from a new one: memory holds only the clients seen within one period, never one
 * bucket per token ever issued. In a cluster the buckets are shared by every node ({@link SharedBuckets}).
 */
@Component
class ApiRateLimiter {

    /** What a request took from its bucket: whether it may go on, what is left, and when to retry if not. */
    record Outcome(boolean allowed, long limit, long remaining, Duration retryAfter) {}

    private record Limited(Bucket bucket, long capacity) {}

    private final ConcurrentHashMap<String, Limited> buckets = new ConcurrentHashMap<>();
    private final ApiRateLimitProperties properties;
    private final TimeMeter time;

    /** In a cluster, the buckets every node shares; this node's own map is then only for when they are unreachable. */
    private final @Nullable SharedBuckets shared;

    /** One node's limit. */
    ApiRateLimiter(ApiRateLimitProperties properties, Clock clock) {
        this(properties, clock, (SharedBuckets) null);
    }

    @Autowired
    ApiRateLimiter(ApiRateLimitProperties properties, Clock clock, ObjectProvider<SharedBuckets> shared) {
        this(properties, clock, shared.getIfAvailable());
    }

    private ApiRateLimiter(ApiRateLimitProperties properties, Clock clock, @Nullable SharedBuckets shared) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
        this.shared = shared;
    }

    /** Takes one request from the bucket of a client with a token ({@code anonymous} false) or without. */
    Outcome acquire(String key, boolean anonymous) {
        long capacity = anonymous ? properties.anonymousCapacity() : properties.capacity();
        ConsumptionProbe probe = shared == null
                ? consumeHere(key, capacity)
                : shared.tryConsume("api:" + key, capacity, properties.period(), () -> consumeHere(key, capacity));
        return new Outcome(
                probe.isConsumed(),
                capacity,
                probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private ConsumptionProbe consumeHere(String key, long capacity) {
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        // Consumed under the map's lock for this key: the sweep cannot drop a bucket between its lookup and its use.
        buckets.compute(key, (k, limited) -> {
            Limited current = limited == null ? new Limited(newBucket(capacity), capacity) : limited;
            probe[0] = current.bucket().tryConsumeAndReturnRemaining(1);
            return current;
        });
        return probe[0];
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
