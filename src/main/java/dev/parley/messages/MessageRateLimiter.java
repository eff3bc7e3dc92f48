package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.base.ClockTimeMeter;
import dev.parley.base.RateLimitedException;
import dev.parley.base.SharedBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The posting limit ({@link MessageRateLimitProperties}): one Bucket4j token bucket per user, and one per incoming
 * webhook, timed by the application's {@link Clock}. A bucket that has filled up again is dropped, since it is no
 * different from a new one: memory holds only the users and webhooks that posted lately, never one bucket per account.
 * In a cluster the buckets are shared by every node ({@link SharedBuckets}).
 */
@Component
class MessageRateLimiter {

    /** A webhook's own allowance: posts through it count against neither its creator's nor another webhook's. */
    record WebhookKey(long webhookId) {}

    /** Keyed by {@link UserId} for people, {@link WebhookKey} for webhooks. */
    private final ConcurrentHashMap<Object, Bucket> buckets = new ConcurrentHashMap<>();

    private final MessageRateLimitProperties properties;
    private final TimeMeter time;

    /** In a cluster, the buckets every node shares; this node's own map is then only for when they are unreachable. */
    private final @Nullable SharedBuckets shared;

    /** One node's limit. */
    MessageRateLimiter(MessageRateLimitProperties properties, Clock clock) {
        this(properties, clock, (SharedBuckets) null);
    }

    @Autowired
    MessageRateLimiter(MessageRateLimitProperties properties, Clock clock, ObjectProvider<SharedBuckets> shared) {
        this(properties, clock, shared.getIfAvailable());
    }

    private MessageRateLimiter(MessageRateLimitProperties properties, Clock clock, @Nullable SharedBuckets shared) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
        this.shared = shared;
    }

    /**
     * Takes one message from the user's allowance.
     *
     * @throws RateLimitedException when it is used up, with the time until the next message is allowed
     */
    void acquire(UserId user) {
        acquireFor(user);
    }

    /** Takes one message from a webhook's allowance, which is the same size as a person's. */
    void acquire(WebhookKey webhook) {
        acquireFor(webhook);
    }

    private void acquireFor(Object user) {
        ConsumptionProbe probe = shared == null
                ? consumeHere(user)
                : shared.tryConsume(
                        sharedKey(user), properties.capacity(), properties.period(), () -> consumeHere(user));
        if (!probe.isConsumed()) {
            throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private static String sharedKey(Object user) {
        return switch (user) {
            case UserId id -> "post:user:" + id.value();
            case WebhookKey webhook -> "post:webhook:" + webhook.webhookId();
            default -> throw new IllegalArgumentException("Not a poster: " + user);
        };
    }

    private ConsumptionProbe consumeHere(Object user) {
        AtomicReference<ConsumptionProbe> probe = new AtomicReference<>();
        // Consumed under the map's lock for this user: the sweep cannot drop a bucket between its lookup and its use.
        buckets.compute(user, (u, bucket) -> {
            Bucket current = bucket == null ? newBucket() : bucket;
            probe.set(current.tryConsumeAndReturnRemaining(1));
            return current;
        });
        return probe.get();
    }

    /** Forgets the users whose allowance is whole again. */
    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void dropFullBuckets() {
        for (Object user : buckets.keySet()) {
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
}
