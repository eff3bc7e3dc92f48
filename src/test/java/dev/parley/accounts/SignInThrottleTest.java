package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.MutableClock;
import dev.parley.accounts.SignInThrottle.Attempt;
import dev.parley.accounts.internal.InMemorySignInAttempts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.BadCredentialsException;

/** The sign-in throttle with its default limits, on a clock the test moves: no sleeping. */
class SignInThrottleTest {

    private static final String HOME = "198.51.100.7";
    private static final String ELSEWHERE = "203.0.113.9";

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle =
            new SignInThrottle(new InMemorySignInAttempts(clock), bind(Map.of()), clock);

    @Test
    void the_defaults_are_generous_and_short_for_an_account_and_strict_for_an_address() {
        SignInLimitProperties defaults = bind(Map.of());

        assertThat(defaults.accountFailures()).isEqualTo(20);
        assertThat(defaults.accountMaxLock()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.addressFailures()).isEqualTo(10);
        assertThat(defaults.addressMaxLock()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.firstLock()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.forgetAfter()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void an_account_failing_from_many_addresses_is_locked_for_a_second_then_doubling_up_to_a_minute() {
        for (int i = 0; i < 20; i++) {
            fail("ada", "192.0.2." + i);
        }

        List<Long> locks = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Duration lock = refusal("ada", "192.0.2." + (100 + i));
            locks.add(lock.toSeconds());
            clock.advance(lock);
            fail("ada", "192.0.2." + (100 + i));
        }

        assertThat(locks).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void a_hundred_wrong_passwords_leave_the_right_one_refused_unchecked_with_when_to_try_again() {
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            try (Attempt attempt = throttle.password("ada", "192.0.2." + i)) {
                // A wrong password: the attempt ends without succeeded().
            } catch (TooManySignInsException e) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(80);
        assertThatThrownBy(() -> throttle.password("ADA ", ELSEWHERE))
                .isInstanceOf(TooManySignInsException.class)
                .hasMessage("Too many failed sign-ins. Try again in 1 s.")
                .extracting(e -> ((TooManySignInsException) e).retryAfterSeconds())
                .isEqualTo(1L);
    }

    @Test
    void a_successful_sign_in_forgets_the_accounts_failures_but_not_the_addresses() {
        for (int i = 0; i < 9; i++) {
            fail("ada", HOME);
        }
        try (Attempt attempt = throttle.password("ada", HOME)) {
            attempt.succeeded();
        }

        // The address has 9 failures: one more is free, the next is locked, whoever it is for.
        fail("bob", HOME);
        assertThat(refusal("ada", HOME)).isEqualTo(Duration.ofSeconds(1));
        // Ada's own count started again: 20 more from elsewhere before her account locks.
        for (int i = 0; i < 19; i++) {
            fail("ada", "192.0.2." + i);
        }
        try (Attempt attempt = throttle.password("ada", ELSEWHERE)) {
            assertThat(attempt).isNotNull();
        }
        assertThat(refusal("ada", "192.0.2.200")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void an_address_failing_for_many_accounts_is_locked_up_to_fifteen_minutes_and_others_still_sign_in() {
        for (int i = 0; i < 10; i++) {
            fail("user" + i, HOME);
        }

        List<Long> locks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Duration lock = refusal("someone" + i, HOME);
            locks.add(lock.toSeconds());
            clock.advance(lock);
            fail("someone" + i, HOME);
        }

        assertThat(locks).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L);
        assertThat(refusal("ada", HOME)).isEqualTo(Duration.ofMinutes(15));
        try (Attempt attempt = throttle.password("ada", ELSEWHERE)) {
            attempt.succeeded();
        }
    }

    @Test
    void failures_are_forgotten_after_fifteen_quiet_minutes_once_unlocked() {
        for (int i = 0; i < 10; i++) {
            fail("user" + i, HOME);
        }
        assertThat(refusal("ada", HOME)).isEqualTo(Duration.ofSeconds(1));

        // Unlocked after a second, but the failures still count: the next one locks for longer.
        clock.advance(Duration.ofSeconds(1));
        fail("ada", HOME);
        assertThat(refusal("ada", HOME)).isEqualTo(Duration.ofSeconds(2));

        clock.advance(Duration.ofSeconds(2).plus(Duration.ofMinutes(15)));
        for (int i = 0; i < 10; i++) {
            fail("user" + i, HOME);
        }
        assertThat(refusal("ada", HOME)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void attempts_sent_at_once_cannot_outrun_the_free_failures_and_past_them_go_one_at_a_time() {
        List<Attempt> underWay = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            underWay.add(throttle.password("user" + i, HOME));
        }
        // Ten under way from one address might all fail: an eleventh waits for them.
        assertThat(refusal("user10", HOME)).isEqualTo(SignInAttempts.BUSY_WAIT);

        underWay.forEach(Attempt::close);
        assertThat(refusal("user10", HOME)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        Attempt one = throttle.password("user10", HOME);
        assertThat(refusal("user11", HOME)).isEqualTo(SignInAttempts.BUSY_WAIT);
        one.succeeded();
        throttle.password("user11", HOME).succeeded();
    }

    @Test
    void an_unknown_username_counts_like_an_account_and_case_and_spaces_do_not_make_another() {
        for (int i = 0; i < 20; i++) {
            fail(i % 2 == 0 ? "Nobody-Here" : " nobody-here ", "192.0.2." + i);
        }

        assertThat(refusal("NOBODY-HERE", ELSEWHERE)).isEqualTo(Duration.ofSeconds(1));
        // A name too long for any account costs no more memory than a short one, and is counted all the same.
        String huge = "x".repeat(100_000);
        for (int i = 0; i < 20; i++) {
            fail(huge, "192.0.2." + i);
        }
        assertThat(refusal(huge, ELSEWHERE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void ipv6_addresses_count_by_their_64_bit_network_and_ipv4_by_the_address() {
        assertThat(SignInThrottle.addressKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(SignInThrottle.addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .isEqualTo("address:2001:db8:1:2:0:0:0:0/64");
        assertThat(SignInThrottle.addressKey("2001:db8:1:3::1"))
                .isNotEqualTo(SignInThrottle.addressKey("2001:db8:1:2::1"));
        assertThat(SignInThrottle.addressKey("::ffff:192.0.2.1")).isEqualTo("address:192.0.2.1");
        assertThat(SignInThrottle.addressKey("192.0.2.1")).isEqualTo("address:192.0.2.1");
        assertThat(SignInThrottle.addressKey("not:an:address:zz")).isEqualTo("address:not:an:address:zz");

        for (int i = 0; i < 10; i++) {
            fail("user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(refusal("ada", "2001:db8:1:2:ffff::99")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_guest_refused_counts_for_the_address_only_and_a_locked_address_lets_no_guest_in() {
        for (int i = 0; i < 10; i++) {
            try (Attempt attempt = throttle.withoutPassword(HOME)) {
                assertThat(attempt).isNotNull();
            }
        }

        assertThatThrownBy(() -> throttle.withoutPassword(HOME)).isInstanceOf(TooManySignInsException.class);
        assertThat(refusal("ada", HOME)).isEqualTo(Duration.ofSeconds(1));
        throttle.withoutPassword(ELSEWHERE).succeeded();
    }

    @Test
    void the_sign_in_page_finds_the_refusal_in_the_failure_spring_security_kept_and_counts_from_now() {
        TooManySignInsException refused = new TooManySignInsException(
                Duration.ofSeconds(40), clock.instant().plusSeconds(40));
        BadCredentialsException kept = new BadCredentialsException(refused.getMessage(), refused);

        assertThat(throttle.refusal(kept)).hasValue("Too many failed sign-ins. Try again in 40 s.");
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.refusal(kept)).hasValue("Too many failed sign-ins. Try again in 10 s.");
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.refusal(kept)).hasValue("Too many failed sign-ins. Try again in 1 s.");
        assertThat(throttle.refusal(new BadCredentialsException("Bad credentials")))
                .isEmpty();
        assertThat(throttle.refusal(null)).isEmpty();
        assertThat(throttle.refusal("not a failure")).isEmpty();
    }

    @Test
    void waits_are_said_in_seconds_under_a_minute_and_in_minutes_from_one() {
        assertThat(SignInThrottle.message(Duration.ofMillis(1)))
                .isEqualTo("Too many failed sign-ins. Try again in 1 s.");
        assertThat(SignInThrottle.message(Duration.ofSeconds(59)))
                .isEqualTo("Too many failed sign-ins. Try again in 59 s.");
        assertThat(SignInThrottle.message(Duration.ofSeconds(60)))
                .isEqualTo("Too many failed sign-ins. Try again in 1 min.");
        assertThat(SignInThrottle.message(Duration.ofSeconds(61)))
                .isEqualTo("Too many failed sign-ins. Try again in 2 min.");
        assertThat(SignInThrottle.message(Duration.ofMinutes(15)))
                .isEqualTo("Too many failed sign-ins. Try again in 15 min.");
    }

    @Test
    void nonsense_limits_stop_the_start() {
        assertThatThrownBy(() -> bind(Map.of("parley.sign-in-limit.account-failures", "0")))
                .hasRootCauseMessage("parley.sign-in-limit.account-failures and .address-failures must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("parley.sign-in-limit.first-lock", "0s")))
                .hasRootCauseMessage("parley.sign-in-limit.first-lock and .forget-after must be longer than zero");
        assertThatThrownBy(() -> bind(Map.of("parley.sign-in-limit.account-max-lock", "500ms")))
                .hasRootCauseMessage("parley.sign-in-limit.account-max-lock and .address-max-lock must be at least the "
                        + "first lock (PT1S)");
    }

    /** A wrong password for the account from the address; fails the test if the throttle refuses it. */
    private void fail(String username, String address) {
        try (Attempt attempt = throttle.password(username, address)) {
            assertThat(attempt).isNotNull();
        }
    }

    /** How long the throttle says to wait; fails the test if it admits the sign-in. */
    private Duration refusal(String username, String address) {
        try (Attempt attempt = throttle.password(username, address)) {
            attempt.succeeded();
            throw new AssertionError("Admitted " + username + " from " + address);
        } catch (TooManySignInsException refused) {
            return refused.retryAfter();
        }
    }

    private static SignInLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.sign-in-limit", SignInLimitProperties.class);
    }
}
