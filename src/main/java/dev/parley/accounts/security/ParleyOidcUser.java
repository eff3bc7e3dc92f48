package dev.parley.accounts.security;

import dev.parley.accounts.ParleyUser;
import java.util.Map;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A browser signed in through single sign-on: the Parley account ({@link ParleyUser}, what every view and service
 * reads) that also carries the provider's ID token, as Spring Security's OpenID Connect support expects.
 */
final class ParleyOidcUser extends ParleyUser implements OidcUser {

    private final OidcUser provided;

    ParleyOidcUser(ParleyUser account, OidcUser provided) {
        super(account.id(), account.getUsername(), account.displayName(), "[single sign-on]");
        this.provided = provided;
    }

    @Override
    public Map<String, Object> getClaims() {
        return provided.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return provided.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return provided.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return provided.getAttributes();
    }

    /** The Parley username, as for password sign-in: what Spring Security names the principal by. */
    @Override
    public String getName() {
        return getUsername();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
