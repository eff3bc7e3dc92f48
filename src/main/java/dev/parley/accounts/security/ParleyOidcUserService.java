package dev.parley.accounts.security;

import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.SingleSignOn;
import dev.parley.base.ParleyException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the person the provider signed in (its ID token, checked by Spring Security, and user info) into their Parley
 * account through {@link SingleSignOn}. A refusal (a disabled account, closed registration) fails the sign-in with the
 * reason, which the sign-in page shows.
 */
final class ParleyOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final SingleSignOn singleSignOn;

    ParleyOidcUserService(SingleSignOn singleSignOn) {
        this.singleSignOn = singleSignOn;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser provided = provider.loadUser(request);
        try {
            ParleyUser account = singleSignOn.signIn(new SingleSignOn.Claims(
                    provided.getIdToken().getClaimAsString("iss"),
                    provided.getSubject(),
                    provided.getPreferredUsername(),
                    provided.getEmail(),
                    provided.getFullName()));
            return new ParleyOidcUser(account, provided);
        } catch (ParleyException e) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(SingleSignOn.REFUSED, e.getMessage(), null), e.getMessage());
        }
    }
}
