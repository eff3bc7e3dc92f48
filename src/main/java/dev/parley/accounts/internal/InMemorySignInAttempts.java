package dev.parley.accounts.internal;

import dev.parley.accounts.SignInAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link SignInAttempts} in this JVM: one small entry per account or address that failed lately or has an attempt under
 * way, changed under the map's lock for its key. An entry whose failures are forgotten is dropped, when next used or by
 * a sweep every minute, so memory holds only the keys of the last {@code forget-after}; how many that can be is bounded
 * by how fast passwords are checked (docs/design-decisions/2026-12-07-sign-in-throttling.md).
 */
@Component
public class InMemorySignInAttempts implements SignInAttempts {

    /**
     * @param quietFrom when the key last failed or its lock ends, whichever is later (when it was first seen if
     *     neither): its failures are forgotten {@code forgetAfter} later
     * @param lastSeen when an attempt was last admitted or ended: an attempt under way that never ends (it cannot, but
     *     were it so) is forgotten {@code forgetAfter} later
     */
    private record Entry(
            int failures,
            int underWay,
            @Nullable Instant lockedUntil,
            Instant quietFrom,
            Instant lastSeen,
            Duration forgetAfter) {

        static Entry fresh(Limit limit, Instant now) {
            return new Entry(0, 0, null, now, now, limit.forgetAfter());
        }

        boolean forgotten(Instant now) {
            Instant expires = quietFrom.plus(forgetAfter);
            if (underWay > 0 && lastSeen.plus(forgetAfter).isAfter(expires)) {
                expires = lastSeen.plus(forgetAfter);
            }
            return !now.isBefore(expires);
        }

        boolean empty() {
            return failures == 0 && underWay == 0 && lockedUntil == null;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemorySignInAttempts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Duration> admit(String key, Limit limit, Instant now) {
        @Nullable Duration[] wait = new Duration[1];
        entries.compute(key, (k, stored) -> {
            Entry entry = stored == null || stored.forgotten(now) ? Entry.fresh(limit, now) : stored;
            Instant lockedUntil = entry.lockedUntil();
            if (lockedUntil != null && now.isBefore(lockedUntil)) {
                wait[0] = Duration.between(now, lockedUntil);
                return entry;
            }
            boolean busy = entry.failures() < limit.freeFailures()
                    ? entry.failures() + entry.underWay() >= limit.freeFailures()
                    : entry.underWay() > 0;
            if (busy) {
                wait[0] = BUSY_WAIT;
                return entry;
            }
            return new Entry(
                    entry.failures(),
                    entry.underWay() + 1,
                    entry.lockedUntil(),
                    entry.quietFrom(),
                    now,
                    limit.forgetAfter());
        });
        return Optional.ofNullable(wait[0]);
    }

    @Override
    public void finish(String key, Limit limit, boolean failed, Instant now) {
        entries.compute(key, (k, stored) -> {
            Entry entry = stored == null || stored.forgotten(now) ? Entry.fresh(limit, now) : stored;
            int underWay = Math.max(0, entry.underWay() - 1);
            Entry next;
            if (!failed) {
                next = limit.forgetOnSuccess()
                        ? new Entry(0, underWay, null, now, now, limit.forgetAfter())
                        : new Entry(
                                entry.failures(),
                                underWay,
                                entry.lockedUntil(),
                                entry.quietFrom(),
                                now,
                                limit.forgetAfter());
            } else {
                int failures = entry.failures() + 1;
                @Nullable
                Instant lockedUntil = limit.lockAfter(failures)
                        .map(now::plus)
                        .filter(until -> entry.lockedUntil() == null || until.isAfter(entry.lockedUntil()))
                        .orElse(entry.lockedUntil());
                Instant quietFrom = lockedUntil != null && lockedUntil.isAfter(now) ? lockedUntil : now;
                next = new Entry(failures, underWay, lockedUntil, quietFrom, now, limit.forgetAfter());
            }
            return next.empty() ? null : next;
        });
    }

    /** Drops the entries whose failures are forgotten. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void dropForgotten() {
        Instant now = clock.instant();
        for (String key : entries.keySet()) {
            entries.computeIfPresent(key, (k, entry) -> entry.forgotten(now) ? null : entry);
        }
    }

    /** How many accounts and addresses have an entry now. */
    int size() {
        return entries.size();
    }
}
