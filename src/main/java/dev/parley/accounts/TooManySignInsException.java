package dev.parley.accounts;

import dev.parley.base.RateLimitedException;
import java.time.Duration;
import java.time.Instant;

/**
 * A sign-in refused without checking its password, because its account or address has failed too often
 * ({@link SignInThrottle}); the REST API answers 429 with {@code Retry-After}.
 */
public class TooManySignInsException extends RateLimitedException {

    private final Instant until;

    /**
     * @param wait how long from now to wait
     * @param until when that is
     */
    public TooManySignInsException(Duration wait, Instant until) {
        super(SignInThrottle.message(wait), wait);
        this.until = until;
    }

    /** When a sign-in may be tried again. */
    public Instant until() {
        return until;
    }
}
