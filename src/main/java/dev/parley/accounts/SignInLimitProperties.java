package dev.parley.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins are throttled ({@link SignInThrottle}), per account and per remote address: so many failures in a
 * row are free, then each further failure locks the account or address for {@code firstLock}, doubling with every
 * failure up to its longest lock. An account's lock is short, so that nobody can lock a victim out for long; an
 * address's is long, since it only holds back whoever fails from there. Failures are forgotten once a key has been
 * unlocked and without a new failure for {@code forgetAfter}; a successful sign-in forgets its account's failures at
 * once (not its address's).
 *
 * @param accountFailures failed sign-ins in a row one account may have before it is locked
 * @param accountMaxLock the longest an account is locked at a time
 * @param addressFailures failed sign-ins (to any accounts, and guest names refused) in a row from one remote address
 *     before it is locked
 * @param addressMaxLock the longest an address is locked at a time
 * @param firstLock the first lock, doubled with every further failure
 * @param forgetAfter how long an account or address must stay unlocked and without a failure for its failures to be
 *     forgotten
 */
@ConfigurationProperties("parley.sign-in-limit")
public record SignInLimitProperties(
        @DefaultValue("20") int accountFailures,
        @DefaultValue("1m") Duration accountMaxLock,
        @DefaultValue("10") int addressFailures,
        @DefaultValue("15m") Duration addressMaxLock,
        @DefaultValue("1s") Duration firstLock,
        @DefaultValue("15m") Duration forgetAfter) {

    public SignInLimitProperties {
        if (accountFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException(
                    "parley.sign-in-limit.account-failures and .address-failures must be at least 1");
        }
        if (!positive(firstLock) || !positive(forgetAfter)) {
            throw new IllegalArgumentException(
                    "parley.sign-in-limit.first-lock and .forget-after must be longer than zero");
        }
        if (accountMaxLock.compareTo(firstLock) < 0 || addressMaxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException(
                    "parley.sign-in-limit.account-max-lock and .address-max-lock must be at least the first lock ("
                            + firstLock + ")");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
