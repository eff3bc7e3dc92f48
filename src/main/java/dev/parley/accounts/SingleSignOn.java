package dev.parley.accounts;

import dev.parley.accounts.internal.UserIdentityRepository;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds or makes the Parley account of a person signed in at the OpenID Connect provider, by the identity the provider
 * vouches for (issuer and subject, {@link UserIdentity}): never by a name or e-mail address alone, which the person may
 * be able to change at the provider. A first sign-in makes a new account without a password, named after
 * {@code preferred_username} (or the e-mail's local part) by the rules of sign-up; only with
 * {@link OidcProperties#linkExistingUsernames()} does it take over an existing account of that name that has no
 * identity yet. Disabled accounts are refused, here as at password sign-in.
 */
@Service
@Transactional
public class SingleSignOn {

    /** The OAuth2 error code of a sign-in Parley refused; its description is the reason, for the person. */
    public static final String REFUSED = "parley_refused";

    /** What the provider says about the person; only issuer and subject identify them. */
    public record Claims(
            String issuer,
            String subject,
            @Nullable String preferredUsername,
            @Nullable String email,
            @Nullable String name) {}

    private final UserRepository users;
    private final UserIdentityRepository identities;
    private final AccountService accounts;
    private final OidcProperties properties;
    private final Clock clock;

    SingleSignOn(
            UserRepository users,
            UserIdentityRepository identities,
            AccountService accounts,
            OidcProperties properties,
            Clock clock) {
        this.users = users;
        this.identities = identities;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The account of the person the provider signed in, made on their first sign-in.
     *
     * @throws NotAllowedException when the account is disabled, or it would be new and registration is closed
     */
    public ParleyUser signIn(Claims claims) {
        if (claims.subject().isBlank() || claims.subject().length() > UserIdentity.SUBJECT_MAX_LENGTH) {
            throw new InvalidInputException("The provider sent no usable subject");
        }
        User user = identities
                .findByIssuerAndSubject(claims.issuer(), claims.subject())
                .flatMap(identity -> users.findById(identity.userId().value()))
                .orElseGet(() -> firstSignIn(claims));
        if (user.disabled()) {
            throw new NotAllowedException("This account is disabled. Ask an administrator to enable it.");
        }
        return principal(user);
    }

    /**
     * The enabled account linked to the identity, if any: what the provider's access tokens authenticate as. An
     * identity not linked yet is not signed up here: the first sign-in happens in the browser.
     */
    @Transactional(readOnly = true)
    public Optional<ParleyUser> linkedUser(String issuer, String subject) {
        return identities
                .findByIssuerAndSubject(issuer, subject)
                .flatMap(identity -> users.findById(identity.userId().value()))
                .filter(user -> !user.disabled())
                .map(SingleSignOn::principal);
    }

    /**
     * Why Parley refused a single sign-on, for the sign-in page, if the failure Spring Security kept is such a refusal
     * (a disabled account, closed registration); empty for other failures, which have no message fit for a person.
     */
    public static Optional<String> refusal(@Nullable Object failure) {
        if (failure instanceof OAuth2AuthenticationException e
                && REFUSED.equals(e.getError().getErrorCode())
                && e.getError().getDescription() != null) {
            return Optional.of(e.getError().getDescription());
        }
        return Optional.empty();
    }

    private User firstSignIn(Claims claims) {
        String hint = usernameHint(claims);
        if (properties.linkExistingUsernames()) {
            Optional<User> named = users.findByUsername(AccountService.normalizeUsername(hint))
                    // A guest's row is never taken over: the guest flag would stay, and their name is theirs.
                    .filter(u -> !u.guest() && !identities.existsByUserId(u.id().value()));
            if (named.isPresent()) {
                link(named.get(), claims);
                return named.get();
            }
        }
        if (!accounts.registrationOpen()) {
            throw new NotAllowedException(
                    "Registration is closed on this server, and you have no account yet. Ask an administrator.");
        }
        String display = claims.name() != null && !claims.name().isBlank() ? claims.name() : hint;
        User user = accounts.createWithoutPassword(hint, display);
        link(user, claims);
        return user;
    }

    private void link(User user, Claims claims) {
        identities.saveAndFlush(new UserIdentity(user.id(), claims.issuer(), claims.subject(), clock.instant()));
    }

    private static String usernameHint(Claims claims) {
        if (claims.preferredUsername() != null && !claims.preferredUsername().isBlank()) {
            return claims.preferredUsername();
        }
        if (claims.email() != null && claims.email().contains("@")) {
            return claims.email().substring(0, claims.email().indexOf('@'));
        }
        return "user";
    }

    private static ParleyUser principal(User user) {
        return new ParleyUser(user.id(), user.username(), user.displayName(), "[single sign-on]");
    }
}
