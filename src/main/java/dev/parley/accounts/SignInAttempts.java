package dev.parley.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state behind {@link SignInThrottle}: per key (an account or a remote address) the failed sign-ins in a row, the
 * attempts under way and the lock. Each method is atomic for its key. One node keeps it in memory
 * ({@code internal.InMemorySignInAttempts}); the nodes of a cluster share it in Redis
 * ({@code internal.RedisSignInAttempts}), which is why the policy travels with each call as a {@link Limit}.
 */
public interface SignInAttempts {

    /** An attempt refused past the free failures while another is under way waits this long: an attempt is quick. */
    Duration BUSY_WAIT = Duration.ofSeconds(1);

    /**
     * How one kind of key is limited.
     *
     * @param freeFailures failures in a row before the first lock
     * @param firstLock the lock at the last free failure, doubled with every failure after it
     * @param maxLock the longest lock
     * @param forgetAfter how long a key must stay unlocked and without a failure for its failures to be forgotten
     * @param forgetOnSuccess whether a success forgets the key's failures (an account's), or only ends its attempt (an
     *     address's, where one person's success says nothing of the others')
     */
    record Limit(
            int freeFailures, Duration firstLock, Duration maxLock, Duration forgetAfter, boolean forgetOnSuccess) {

        /** The lock after this many failures in a row; none before the free failures are used up. */
        public Optional<Duration> lockAfter(int failures) {
            if (failures < freeFailures) {
                return Optional.empty();
            }
            int doublings = Math.min(failures - freeFailures, 40);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            return Optional.of(lock.compareTo(maxLock) > 0 ? maxLock : lock);
        }
    }

    /**
     * Admits an attempt, which is then under way until {@link #finish}, or refuses it and says how long to wait: while
     * the key is locked; and when the attempts under way could use up more than the free failures left, so that
     * attempts sent all at once are not all checked before the first one fails (past the free failures, one at a time).
     */
    Optional<Duration> admit(String key, Limit limit, Instant now);

    /**
     * Ends an attempt that {@link #admit} let in: a failure counts, and past the free failures locks the key; a success
     * forgets the key's failures if the limit says so.
     */
    void finish(String key, Limit limit, boolean failed, Instant now);
}
