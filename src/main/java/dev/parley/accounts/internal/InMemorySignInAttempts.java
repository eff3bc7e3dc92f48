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

    private final ConcurrentHashMap<String, SignInEntry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemorySignInAttempts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Duration> admit(String key, Limit limit, Instant now) {
        @Nullable Duration[] wait = new Duration[1];
        entries.compute(key, (k, stored) -> {
            SignInEntry.Admission admission = SignInEntry.admit(stored, limit, now);
            wait[0] = admission.refusedFor();
            return admission.next();
        });
        return Optional.ofNullable(wait[0]);
    }

    @Override
    public void finish(String key, Limit limit, boolean failed, Instant now) {
        entries.compute(key, (k, stored) -> SignInEntry.finish(stored, limit, failed, now));
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
