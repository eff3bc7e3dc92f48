package dev.parley.accounts.security;

import dev.parley.accounts.SignInThrottle;
import dev.parley.accounts.TooManySignInsException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in through the form ({@code POST /login}): Spring Security's own check
 * ({@link DaoAuthenticationProvider}: the same time for an unknown username as for a wrong password) behind the
 * {@link SignInThrottle} of the account and the remote address. A refused sign-in fails with {@link Throttled}, which
 * the sign-in page finds in the session and shows. A disabled account fails as a wrong password does, whatever password
 * was sent, so that the right password of a disabled account tells nothing.
 */
class ThrottledPasswordSignIn implements AuthenticationProvider {

    /** A sign-in the throttle refused; its cause says when to try again. */
    static final class Throttled extends AuthenticationException {

        Throttled(TooManySignInsException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledPasswordSignIn(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        SignInThrottle.Attempt attempt;
        try {
            attempt = throttle.password(authentication.getName(), remoteAddress(authentication));
        } catch (TooManySignInsException refused) {
            throw new Throttled(refused);
        }
        try (attempt) {
            Authentication signedIn = passwords.authenticate(authentication);
            attempt.succeeded();
            return signedIn;
        } catch (AccountStatusException disabled) {
            // Spring Security checked the password as well, so this took as long as a wrong one.
            throw new BadCredentialsException("Bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String remoteAddress(Authentication authentication) {
        @Nullable
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        return address == null ? "unknown" : address;
    }
}
