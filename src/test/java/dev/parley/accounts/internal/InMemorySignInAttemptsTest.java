package dev.parley.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.MutableClock;
import dev.parley.accounts.SignInAttempts.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the in-memory state keeps, and for how long, on a clock the test moves. */
class InMemorySignInAttemptsTest {

    private static final Limit LIMIT =
            new Limit(2, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(15), true);

    private final MutableClock clock = new MutableClock();
    private final InMemorySignInAttempts attempts = new InMemorySignInAttempts(clock);

    @Test
    void a_success_with_nothing_else_to_remember_leaves_nothing_behind() {
        assertThat(attempts.admit("account:ada", LIMIT, clock.instant())).isEmpty();
        assertThat(attempts.size()).isOne();

        attempts.finish("account:ada", LIMIT, false, clock.instant());

        assertThat(attempts.size()).isZero();
    }

    @Test
    void the_sweep_forgets_keys_only_once_unlocked_and_quiet_for_the_limits_time() {
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(attempts.admit("account:ada", LIMIT, clock.instant())).isEmpty();
            attempts.finish("account:ada", LIMIT, true, clock.instant());
        }
        attempts.admit("account:bob", LIMIT, clock.instant());
        attempts.finish("account:bob", LIMIT, true, clock.instant());

        // Ada's last failure locked her for a minute: she is remembered for 15 minutes after it ends.
        clock.advance(Duration.ofMinutes(15));
        attempts.dropForgotten();
        assertThat(attempts.size()).isEqualTo(1);
        assertThat(attempts.admit("account:ada", LIMIT, clock.instant())).isEmpty();
        attempts.finish("account:ada", LIMIT, true, clock.instant());
        assertThat(attempts.admit("account:ada", LIMIT, clock.instant())).hasValue(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(16));
        attempts.dropForgotten();
        assertThat(attempts.size()).isZero();
    }

    @Test
    void an_attempt_that_never_ends_is_forgotten_all_the_same() {
        attempts.admit("address:192.0.2.1", LIMIT, clock.instant());
        attempts.admit("address:192.0.2.1", LIMIT, clock.instant());
        assertThat(attempts.admit("address:192.0.2.1", LIMIT, clock.instant())).isPresent();

        clock.advance(Duration.ofMinutes(15));
        attempts.dropForgotten();

        assertThat(attempts.size()).isZero();
        assertThat(attempts.admit("address:192.0.2.1", LIMIT, clock.instant())).isEmpty();
    }
}
