package dev.parley.accounts.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many REST API requests a client may make: a token bucket per API token (per account for the single sign-on
 * provider's access tokens) that holds {@code capacity} requests and refills evenly over {@code period}; requests
 * without a token, and every sign-up and token for a password ({@code /api/auth/**}, whatever token is sent along),
 * share one bucket per remote address that holds {@code anonymousCapacity}. Failed sign-ins are limited on top, per
 * account and address ({@code parley.sign-in-limit}, {@link dev.parley.accounts.SignInLimitProperties}). The posting
 * limit ({@code parley.messages.rate-limit}) applies on top.
 *
 * @param capacity requests one token may make in a burst
 * @param period the time in which an empty bucket fills up again
 * @param anonymousCapacity requests without a token one remote address may make in a burst, refilled over the same
 *     period
 */
@ConfigurationProperties("parley.api.rate-limit")
public record ApiRateLimitProperties(
        @DefaultValue("300") long capacity,
        @DefaultValue("1m") Duration period,
        @DefaultValue("30") long anonymousCapacity) {

    public ApiRateLimitProperties {
        if (capacity < 1 || anonymousCapacity < 1) {
            throw new IllegalArgumentException(
                    "parley.api.rate-limit.capacity and .anonymous-capacity must be at least 1");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("parley.api.rate-limit.period must be longer than zero");
        }
    }
}
