package dev.parley;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.internal.MockVaadin;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Browserless view tests on the real application and database, signed in as a freshly registered user. */
@SqliteTest
public abstract class ViewTestSupport extends SpringBrowserlessTest {

    @Autowired
    protected AccountService accounts;

    @Autowired
    private UserDetailsService userDetailsService;

    /** Registers a user and signs in as them; navigate afterwards so that the views see the user. */
    protected UserSummary signIn(String word) {
        UserSummary user = Fixtures.user(accounts, word);
        UserDetails details = userDetailsService.loadUserByUsername(user.username());
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
        return user;
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Lets pushed updates ({@code ui.access} from other threads) run until the condition holds, or fails. */
    protected static void awaitUi(BooleanSupplier condition) {
        // Polled on the test thread: it is the one that holds the mock Vaadin session.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .pollInSameThread()
                .until(() -> {
                    MockVaadin.clientRoundtrip();
                    return condition.getAsBoolean();
                });
    }
}
