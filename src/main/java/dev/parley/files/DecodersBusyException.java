package dev.parley.files;

import dev.parley.base.RateLimitedException;
import dev.parley.base.UnavailableException;
import java.time.Duration;

/**
 * An image found no free decoder within {@code parley.files.image-decoder-wait}: the server is busy with other images.
 * Nothing of the upload was kept; the REST API answers 503 with {@code Retry-After}.
 */
public class DecodersBusyException extends UnavailableException {

    private final Duration retryAfter;

    DecodersBusyException(String name, Duration retryAfter) {
        super("The server is busy with other images: " + name + " was not stored. Try again in "
                + RateLimitedException.wholeSeconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** The wait in whole seconds, at least 1, as {@code Retry-After} takes it. */
    public long retryAfterSeconds() {
        return RateLimitedException.wholeSeconds(retryAfter);
    }
}
