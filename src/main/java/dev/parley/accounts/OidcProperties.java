package dev.parley.accounts;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on through an OpenID Connect provider (Keycloak, Okta, Google Workspace, Clerk, …). Off unless
 * {@code issuerUri} is set; nothing is fetched from the provider at start-up, only at the first sign-in or API call
 * that needs it, so Parley starts while the provider is down.
 *
 * @param issuerUri the provider's issuer URL ({@code PARLEY_OIDC_ISSUER_URI}); its
 *     {@code /.well-known/openid-configuration} says where everything else is
 * @param clientId the client id Parley is registered with at the provider
 * @param clientSecret the client's secret (from the environment: {@code PARLEY_OIDC_CLIENT_SECRET})
 * @param displayName the provider's name on the sign-in button ("Sign in with Keycloak")
 * @param scopes the scopes asked for at sign-in
 * @param audience the audience ({@code aud}) an access token must name to be accepted by the REST API; the client id
 *     when not set
 * @param linkExistingUsernames whether a first sign-in whose {@code preferred_username} is the username of an account
 *     with no identity linked yet signs in to that account (for moving an instance with password accounts to single
 *     sign-on). Off by default: with it, whoever controls that name at the provider gets the account.
 */
@ConfigurationProperties("parley.oidc")
public record OidcProperties(
        @Nullable String issuerUri,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @DefaultValue("single sign-on") String displayName,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @Nullable String audience,
        @DefaultValue("false") boolean linkExistingUsernames) {

    /** The id of Parley's one client registration: {@code /oauth2/authorization/oidc} starts a sign-in. */
    public static final String REGISTRATION_ID = "oidc";

    public OidcProperties {
        if (issuerUri != null && issuerUri.isBlank()) {
            issuerUri = null;
        }
        if (issuerUri != null && (clientId == null || clientId.isBlank())) {
            throw new IllegalArgumentException("parley.oidc.client-id must be set when parley.oidc.issuer-uri is");
        }
    }

    /** Whether single sign-on is configured. */
    public boolean enabled() {
        return issuerUri != null;
    }

    /** The audience an access token must name: the configured one, else the client id. */
    public @Nullable String expectedAudience() {
        return audience == null || audience.isBlank() ? clientId : audience;
    }
}
