package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.base.RateLimitedException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The per-user posting limit ({@link MessageRateLimitProperties}): one Bucket4j token bucket per user, timed by the
 * application's {@link Clock}. A bucket that has filled up again is dropped, since it is no different from a new
 * one: memory holds only the users who posted lately, never one bucket per account.
 */
@Component
class MessageRateLimiter {

    private final ConcurrentHashMap<UserId, Bucket> buckets = new ConcurrentHashMap<>();
    private final MessageRateLimitProperties properties;
    private final TimeMeter time;

    MessageRateLimiter(MessageRateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
    }

    /**
     * Takes one message from the user's allowance.
     *
     * @throws RateLimitedException when it is used up, with the time until the next message is allowed
     */
    void acquire(UserId user) {
        AtomicReference<ConsumptionProbe> probe = new AtomicReference<>();
        // Consumed under the map's lock for this user: the sweep cannot drop a bucket between its lookup and its use.
        buckets.compute(user, (u, bucket) -> {
            Bucket current = bucket == null ? newBucket() : bucket;
            probe.set(current.tryConsumeAndReturnRemaining(1));
            return current;
        });
        if (!probe.get().isConsumed()) {
            throw new RateLimitedException(Duration.ofNanos(probe.get().getNanosToWaitForRefill()));
        }
    }

    /** Forgets the users whose allowance is whole again. */
    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void dropFullBuckets() {
        for (UserId user : buckets.keySet()) {
            buckets.computeIfPresent(
                    user, (u, bucket) -> bucket.getAvailableTokens() >= properties.capacity() ? null : bucket);
        }
    }

    /** How many users have a bucket now; for tests. */
    int trackedUsers() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit ->
                        limit.capacity(properties.capacity()).refillGreedy(properties.capacity(), properties.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Bucket4j's time source on the injected clock, so that tests can move time instead of sleeping. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
