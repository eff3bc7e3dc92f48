package dev.parley.accounts;

import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.stereotype.Component;

/** The user signed in to the current Vaadin request; views capture it when they are created. */
@Component
public class CurrentUser {

    private final AuthenticationContext authenticationContext;

    CurrentUser(AuthenticationContext authenticationContext) {
        this.authenticationContext = authenticationContext;
    }

    public ParleyUser require() {
        return authenticationContext
                .getAuthenticatedUser(ParleyUser.class)
                .orElseThrow(() -> new IllegalStateException("No user is signed in"));
    }

    public void signOut() {
        authenticationContext.logout();
    }
}
