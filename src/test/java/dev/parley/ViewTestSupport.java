package dev.parley;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.GuestAccess.GuestPass;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;

/** Browserless view tests on the real application and database, signed in as a freshly registered user. */
@SqliteTest
public abstract class ViewTestSupport extends SpringBrowserlessTest {

    @Autowired
    protected AccountService accounts;

    @Autowired
    private UserDetailsService userDetailsService;

    @Autowired
    protected GuestAccess guests;

    @Autowired
    protected InstanceAdministration administration;

    @Autowired
    private UserRepository users;

    @Autowired
    private PlatformTransactionManager transactions;

    /** Registers a user and signs in as them; navigate afterwards so that the views see the user. */
    protected UserSummary signIn(String word) {
        UserSummary user = Fixtures.user(accounts, word);
        UserDetails details = userDetailsService.loadUserByUsername(user.username());
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
        return user;
    }

    /** Registers an instance admin, who lets guests in (as the tests share one database, it may already be so). */
    protected UserSummary allowGuests() {
        UserSummary admin = Fixtures.user(accounts, "root");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        administration.setGuestsAllowed(admin.id(), true);
        return admin;
    }

    /** Lets guests in, enters as a guest named after the word and signs in as them, as the guest page does. */
    protected UserSummary signInAsGuest(String word) {
        allowGuests();
        GuestPass pass = guests.enter(Fixtures.username(word), "view-test", "192.0.2.1");
        ParleyUser guest = guests.redeem(pass.ticket(), "view-test").orElseThrow();
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(guest, null, guest.getAuthorities()));
        return pass.guest();
    }

    /** The texts of the notifications shown: {@code Notification.show} puts it in a property. */
    protected List<String> notifications() {
        return $(Notification.class).all().stream()
                .map(n ->
                        n.getElement().getProperty("text", "") + n.getElement().getTextRecursively())
                .toList();
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
