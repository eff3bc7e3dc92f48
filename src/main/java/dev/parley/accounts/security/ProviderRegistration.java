package dev.parley.accounts.security;

import dev.parley.accounts.OidcProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Parley's one client registration at the OpenID Connect provider, built from {@link OidcProperties} and the provider's
 * discovery document when it is first needed (the first "Sign in with …"), not at start-up: Parley starts while the
 * provider is down, and a failed discovery is tried again at the next sign-in.
 */
final class ProviderRegistration implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

    private final OidcProperties properties;
    private volatile @Nullable ClientRegistration registration;

    ProviderRegistration(OidcProperties properties) {
        this.properties = properties;
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!OidcProperties.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        return registration();
    }

    /**
     * The registration, discovering the provider if that has not succeeded yet.
     *
     * @throws RuntimeException when the provider cannot be reached or its discovery document is unusable
     */
    ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration == null) {
                ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                        .registrationId(OidcProperties.REGISTRATION_ID)
                        .clientId(properties.clientId())
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .scope(properties.scopes())
                        .clientName(properties.displayName());
                String secret = properties.clientSecret();
                if (secret == null || secret.isBlank()) {
                    // A public client: Spring Security then protects the code exchange with PKCE.
                    builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
                } else {
                    builder.clientSecret(secret);
                }
                registration = builder.build();
            }
            return registration;
        }
    }

    /** Whether the provider's registration is known or can be discovered now. */
    boolean available() {
        try {
            registration();
            return true;
        } catch (RuntimeException unreachable) {
            log.warn(
                    "The single sign-on provider {} cannot be discovered: {}",
                    properties.issuerUri(),
                    unreachable.toString());
            return false;
        }
    }
}
