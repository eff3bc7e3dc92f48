package dev.parley.messages;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast one user may post, from every path (the UI and the REST API): a token bucket that holds {@code capacity}
 * messages and refills evenly over {@code period}. With the defaults a user can send 10 messages at once, then one more
 * every second.
 *
 * @param capacity the most messages a user can send in a burst
 * @param period the time in which an empty bucket fills up again
 */
@ConfigurationProperties("parley.messages.rate-limit")
public record MessageRateLimitProperties(
        @DefaultValue("10") long capacity,
        @DefaultValue("10s") Duration period) {

    public MessageRateLimitProperties {
        if (capacity < 1) {
            throw new IllegalArgumentException("parley.messages.rate-limit.capacity must be at least 1");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("parley.messages.rate-limit.period must be longer than zero");
        }
    }
}
