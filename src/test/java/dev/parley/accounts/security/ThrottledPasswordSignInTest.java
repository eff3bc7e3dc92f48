package dev.parley.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.MutableClock;
import dev.parley.accounts.SignInLimitProperties;
import dev.parley.accounts.SignInThrottle;
import dev.parley.accounts.TooManySignInsException;
import dev.parley.accounts.internal.InMemorySignInAttempts;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in form's password check, as Spring Security calls it for {@code POST /login}: throttled per account and
 * address (3 failures free here, then an hour), and a disabled account answered as a wrong password.
 */
class ThrottledPasswordSignInTest {

    private static final String PASSWORD = "correct-horse";

    private final MutableClock clock = new MutableClock();
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final ThrottledPasswordSignIn signIn = new ThrottledPasswordSignIn(
            new InMemoryUserDetailsManager(
                    User.withUsername("ada").password(encoder.encode(PASSWORD)).build(),
                    User.withUsername("bob")
                            .password(encoder.encode(PASSWORD))
                            .disabled(true)
                            .build()),
            encoder,
            throttle(clock));

    @Test
    void after_the_free_failures_the_right_password_is_refused_with_when_to_try_again() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIn.authenticate(form("ada", "wrong-password", "192.0.2.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> signIn.authenticate(form("ada", PASSWORD, "192.0.2.2")))
                .isInstanceOf(ThrottledPasswordSignIn.Throttled.class)
                .hasMessage("Too many failed sign-ins. Try again in 60 min.")
                .hasCauseInstanceOf(TooManySignInsException.class);
        clock.advance(Duration.ofHours(1));
        assertThat(signIn.authenticate(form("ada", PASSWORD, "192.0.2.2")).isAuthenticated())
                .isTrue();
    }

    @Test
    void a_success_forgets_the_accounts_failures() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> signIn.authenticate(form("ada", "guess", "192.0.2.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        signIn.authenticate(form("ada", PASSWORD, "192.0.2.3"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIn.authenticate(form("ada", "guess", "192.0.2.4")))
                    .isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    void a_password_over_72_bytes_is_a_wrong_password_and_counts_as_a_failure() {
        // 40 characters, 80 bytes: bcrypt refuses to read more than 72.
        String eightyBytes = "é".repeat(40);

        assertThat(catchFailure(form("nobody", eightyBytes, "192.0.2.6")))
                .isExactlyInstanceOf(BadCredentialsException.class);
        for (int i = 0; i < 3; i++) {
            assertThat(catchFailure(form("ada", eightyBytes, "192.0.2.6")))
                    .isExactlyInstanceOf(BadCredentialsException.class);
        }

        // Three failures of the account: the right password now waits, as after three wrong ones.
        assertThat(catchFailure(form("ada", PASSWORD, "192.0.2.7")))
                .isExactlyInstanceOf(ThrottledPasswordSignIn.Throttled.class);
    }

    @Test
    void a_disabled_account_gets_the_answer_of_a_wrong_password_whichever_password_is_sent() {
        Throwable rightPassword = catchFailure(form("bob", PASSWORD, "192.0.2.5"));
        Throwable wrongPassword = catchFailure(form("bob", "guess", "192.0.2.5"));
        Throwable unknown = catchFailure(form("nobody", "guess", "192.0.2.5"));

        assertThat(rightPassword).isExactlyInstanceOf(BadCredentialsException.class);
        assertThat(rightPassword).hasMessage(wrongPassword.getMessage()).hasMessage(unknown.getMessage());
        assertThat(wrongPassword).isExactlyInstanceOf(BadCredentialsException.class);
        assertThat(unknown).isExactlyInstanceOf(BadCredentialsException.class);
    }

    private Throwable catchFailure(Authentication attempt) {
        try {
            signIn.authenticate(attempt);
        } catch (RuntimeException failure) {
            return failure;
        }
        throw new AssertionError("Signed in: " + attempt.getName());
    }

    /** What the sign-in form sends, with the details Spring Security adds: the remote address. */
    private static Authentication form(String username, String password, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(address);
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    private static SignInThrottle throttle(Clock clock) {
        return new SignInThrottle(
                new InMemorySignInAttempts(clock),
                new SignInLimitProperties(
                        3, Duration.ofHours(1), 10, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)),
                clock);
    }
}
