package dev.parley.accounts;

import dev.parley.accounts.SignInAttempts.Limit;
import dev.parley.base.RateLimitedException;
import dev.parley.base.SecretTokens;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Slows down password guessing on every way in: the sign-in form, {@code POST /api/auth/token}, and the guest page
 * (where a refused name is what guessing names looks like). Failures are counted per account and per remote address
 * ({@link SignInLimitProperties}); a sign-in whose account or address is locked is refused before its password is
 * checked, with {@link TooManySignInsException}, which says when to try again. An unknown username counts like an
 * account, so the answer never tells whether it exists. The counts live behind {@link SignInAttempts}.
 */
@Service
public class SignInThrottle {

    /** Usernames longer than this exist nowhere; their keys are hashed so that a long one costs no memory. */
    private static final int LONGEST_KEY = 64;

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*");

    private final SignInAttempts attempts;
    private final Clock clock;
    private final Limit account;
    private final Limit address;

    public SignInThrottle(SignInAttempts attempts, SignInLimitProperties properties, Clock clock) {
        this.attempts = attempts;
        this.clock = clock;
        this.account = new Limit(
                properties.accountFailures(),
                properties.firstLock(),
                properties.accountMaxLock(),
                properties.forgetAfter(),
                true);
        this.address = new Limit(
                properties.addressFailures(),
                properties.firstLock(),
                properties.addressMaxLock(),
                properties.forgetAfter(),
                false);
    }

    /**
     * A sign-in under way, admitted by the throttle. Closing it without {@link #succeeded()} counts a failure, whatever
     * went wrong: use it in try-with-resources.
     */
    public final class Attempt implements AutoCloseable {

        private final @Nullable String accountKey;
        private final String addressKey;
        private boolean done;

        private Attempt(@Nullable String accountKey, String addressKey) {
            this.accountKey = accountKey;
            this.addressKey = addressKey;
        }

        /** The password was right (or the guest let in): the account's failures are forgotten. */
        public void succeeded() {
            end(false);
        }

        /** Counts a failure, unless {@link #succeeded()} came first. */
        @Override
        public void close() {
            end(true);
        }

        private void end(boolean failed) {
            if (done) {
                return;
            }
            done = true;
            Instant now = clock.instant();
            attempts.finish(addressKey, address, failed, now);
            if (accountKey != null) {
                attempts.finish(accountKey, account, failed, now);
            }
        }
    }

    /**
     * Admits a password sign-in to the account (which need not exist) from the remote address.
     *
     * @throws TooManySignInsException when the account or the address is locked
     */
    public Attempt password(String username, String remoteAddress) {
        return admit(accountKey(username), addressKey(remoteAddress));
    }

    /**
     * Admits a sign-in without a password (a guest's) from the remote address: only the address counts.
     *
     * @throws TooManySignInsException when the address is locked
     */
    public Attempt withoutPassword(String remoteAddress) {
        return admit(null, addressKey(remoteAddress));
    }

    private Attempt admit(@Nullable String accountKey, String addressKey) {
        Instant now = clock.instant();
        Optional<Duration> addressWait = attempts.admit(addressKey, address, now);
        if (addressWait.isPresent()) {
            throw refused(addressWait.get(), now);
        }
        if (accountKey != null) {
            Optional<Duration> accountWait = attempts.admit(accountKey, account, now);
            if (accountWait.isPresent()) {
                // Not the address's failure: it only ends the attempt it let in.
                attempts.finish(addressKey, address, false, now);
                throw refused(accountWait.get(), now);
            }
        }
        return new Attempt(accountKey, addressKey);
    }

    private static TooManySignInsException refused(Duration wait, Instant now) {
        return new TooManySignInsException(wait, now.plus(wait));
    }

    /**
     * What the sign-in page says about a failure Spring Security kept: for a sign-in refused by the throttle, when to
     * try again, counted from now; empty for any other failure.
     */
    public Optional<String> refusal(@Nullable Object failure) {
        // A few causes deep at most: Spring Security wraps the refusal once.
        Object cause = failure;
        for (int depth = 0; depth < 5 && cause instanceof Throwable throwable; depth++) {
            if (throwable instanceof TooManySignInsException refused) {
                Duration left = Duration.between(clock.instant(), refused.until());
                return Optional.of(message(left.isNegative() ? Duration.ZERO : left));
            }
            cause = throwable.getCause();
        }
        return Optional.empty();
    }

    /** "Too many failed sign-ins. Try again in 40 s." (in minutes from a minute on). */
    static String message(Duration wait) {
        long seconds = RateLimitedException.wholeSeconds(wait);
        String when = seconds < 60 ? seconds + " s" : ((seconds + 59) / 60) + " min";
        return "Too many failed sign-ins. Try again in " + when + ".";
    }

    private static String accountKey(String username) {
        String name = AccountService.normalizeUsername(username);
        return "account:" + (name.length() <= LONGEST_KEY ? name : SecretTokens.hash(name));
    }

    /**
     * An IPv4 address as it is; an IPv6 address by its /64 network, which one subscriber usually has whole, so that
     * going through its addresses does not give an attacker a fresh allowance each time.
     */
    static String addressKey(String remoteAddress) {
        if (!IPV6_LITERAL.matcher(remoteAddress).matches()) {
            return "address:" + remoteAddress;
        }
        try {
            // Hex digits and colons only: parsed as a literal, never looked up.
            InetAddress parsed = InetAddress.getByName(remoteAddress);
            if (parsed instanceof Inet6Address v6) {
                byte[] network = Arrays.copyOf(v6.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return "address:" + InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            // An IPv4 address written as IPv6 (::ffff:192.0.2.1) is that IPv4 address.
            return "address:" + parsed.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            // The servlet container gave something that is not an address: count it as the text it is.
            return "address:" + remoteAddress;
        }
    }
}
