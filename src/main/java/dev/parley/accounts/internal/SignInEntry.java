package dev.parley.accounts.internal;

import dev.parley.accounts.SignInAttempts;
import dev.parley.accounts.SignInAttempts.Limit;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SignInAttempts} keeps of one key (an account or a remote address), and how an attempt changes it: the
 * same rules whether it is kept in memory or in Redis.
 *
 * @param quietFrom when the key last failed or its lock ends, whichever is later (when it was first seen if neither):
 *     its failures are forgotten {@code forgetAfter} later
 * @param lastSeen when an attempt was last admitted or ended: an attempt under way that never ends (it cannot, but were
 *     it so) is forgotten {@code forgetAfter} later
 */
record SignInEntry(
        int failures,
        int underWay,
        @Nullable Instant lockedUntil,
        Instant quietFrom,
        Instant lastSeen,
        Duration forgetAfter) {

    /** The entry after {@link SignInAttempts#admit}, and how long to wait if it was refused. */
    record Admission(SignInEntry next, @Nullable Duration refusedFor) {}

    static SignInEntry fresh(Limit limit, Instant now) {
        return new SignInEntry(0, 0, null, now, now, limit.forgetAfter());
    }

    /** When its failures are forgotten. */
    Instant expires() {
        Instant expires = quietFrom.plus(forgetAfter);
        if (underWay > 0 && lastSeen.plus(forgetAfter).isAfter(expires)) {
            expires = lastSeen.plus(forgetAfter);
        }
        return expires;
    }

    boolean forgotten(Instant now) {
        return !now.isBefore(expires());
    }

    boolean empty() {
        return failures == 0 && underWay == 0 && lockedUntil == null;
    }

    /** See {@link SignInAttempts#admit}. */
    static Admission admit(@Nullable SignInEntry stored, Limit limit, Instant now) {
        SignInEntry entry = stored == null || stored.forgotten(now) ? fresh(limit, now) : stored;
        Instant lockedUntil = entry.lockedUntil();
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return new Admission(entry, Duration.between(now, lockedUntil));
        }
        boolean busy = entry.failures() < limit.freeFailures()
                ? entry.failures() + entry.underWay() >= limit.freeFailures()
                : entry.underWay() > 0;
        if (busy) {
            return new Admission(entry, SignInAttempts.BUSY_WAIT);
        }
        return new Admission(
                new SignInEntry(
                        entry.failures(),
                        entry.underWay() + 1,
                        entry.lockedUntil(),
                        entry.quietFrom(),
                        now,
                        limit.forgetAfter()),
                null);
    }

    /** See {@link SignInAttempts#finish}; null when nothing is left to remember. */
    static @Nullable SignInEntry finish(@Nullable SignInEntry stored, Limit limit, boolean failed, Instant now) {
        SignInEntry entry = stored == null || stored.forgotten(now) ? fresh(limit, now) : stored;
        int underWay = Math.max(0, entry.underWay() - 1);
        SignInEntry next;
        if (!failed) {
            next = limit.forgetOnSuccess()
                    ? new SignInEntry(0, underWay, null, now, now, limit.forgetAfter())
                    : new SignInEntry(
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
            next = new SignInEntry(failures, underWay, lockedUntil, quietFrom, now, limit.forgetAfter());
        }
        return next.empty() ? null : next;
    }

    /** As kept in Redis: six numbers, the times in epoch milliseconds ({@code -} for no lock). */
    String encode() {
        return failures + " " + underWay + " " + (lockedUntil == null ? "-" : lockedUntil.toEpochMilli()) + " "
                + quietFrom.toEpochMilli() + " " + lastSeen.toEpochMilli() + " " + forgetAfter.toMillis();
    }

    static SignInEntry decode(String encoded) {
        String[] parts = encoded.split(" ");
        if (parts.length != 6) {
            throw new IllegalArgumentException("Not a sign-in entry: " + encoded);
        }
        return new SignInEntry(
                Integer.parseInt(parts[0]),
                Integer.parseInt(parts[1]),
                parts[2].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(parts[2])),
                Instant.ofEpochMilli(Long.parseLong(parts[3])),
                Instant.ofEpochMilli(Long.parseLong(parts[4])),
                Duration.ofMillis(Long.parseLong(parts[5])));
    }
}
