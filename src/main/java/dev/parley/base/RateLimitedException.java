package dev.parley.base;

import java.time.Duration;

/**
 * The user did this too often and may try again after {@link #retryAfter()} (the REST API answers 429 with a
 * {@code Retry-After} header).
 */
public class RateLimitedException extends ParleyException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        this("You can send again in " + wholeSeconds(retryAfter) + " s", retryAfter);
    }

    /** A limit of another kind than posting, with its own message. */
    protected RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds, rounded up and at least 1: what {@code Retry-After} and the message say. */
    public long retryAfterSeconds() {
        return wholeSeconds(retryAfter);
    }

    /** A wait in whole seconds, rounded up and at least 1, as {@code Retry-After} takes it. */
    public static long wholeSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toNanosPart() > 0) {
            seconds++;
        }
        return Math.max(1, seconds);
    }
}
