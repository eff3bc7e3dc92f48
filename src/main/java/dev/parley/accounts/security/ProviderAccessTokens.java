package dev.parley.accounts.security;

import dev.parley.accounts.OidcProperties;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.SingleSignOn;
import dev.parley.base.UnavailableException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The single sign-on provider's access tokens (JWTs) as REST API credentials: a token is accepted when its signature
 * checks out against the provider's published keys (JWKS), it has not expired, its issuer is the configured one and its
 * audience names Parley ({@link OidcProperties#expectedAudience()}); it then acts as the account linked to its subject.
 * A subject with no account yet is refused: accounts are made by signing in once in the browser, where Parley's
 * registration rules apply. The provider is discovered at the first such token, not at start-up.
 */
final class ProviderAccessTokens {

    private final OidcProperties properties;
    private final SingleSignOn singleSignOn;
    private volatile @Nullable JwtDecoder decoder;

    ProviderAccessTokens(OidcProperties properties, SingleSignOn singleSignOn) {
        this.properties = properties;
        this.singleSignOn = singleSignOn;
    }

    /** Whether the bearer value has the shape of a JWT (three base64url parts), so is worth checking here. */
    static boolean looksLikeJwt(String bearer) {
        return bearer.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }

    /**
     * The account the token stands for; empty when the token is not valid, or nobody is linked to its subject, or that
     * account is disabled.
     *
     * @throws UnavailableException when the provider (its discovery document or keys) cannot be reached
     */
    Optional<ParleyUser> authenticate(String token) {
        Jwt jwt;
        try {
            jwt = decoder().decode(token);
        } catch (BadJwtException invalid) {
            return Optional.empty();
        } catch (JwtException | IllegalStateException | IllegalArgumentException unreachable) {
            throw new UnavailableException("The single sign-on provider cannot be reached to check the token");
        }
        String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
        String subject = jwt.getSubject();
        if (issuer == null || subject == null) {
            return Optional.empty();
        }
        return singleSignOn.linkedUser(issuer, subject);
    }

    private JwtDecoder decoder() {
        JwtDecoder known = decoder;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (decoder == null) {
                String issuer = properties.issuerUri();
                String audience = properties.expectedAudience();
                NimbusJwtDecoder nimbus = JwtDecoders.fromIssuerLocation(issuer);
                nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                        JwtValidators.createDefaultWithIssuer(issuer),
                        new JwtClaimValidator<List<String>>(
                                JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
                decoder = nimbus;
            }
            return decoder;
        }
    }
}
