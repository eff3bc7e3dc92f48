package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;

/** Instance administration: who may do it, disabling and enabling accounts, registration; on SQLite and H2. */
abstract class InstanceAdministrationContract {

    @Autowired
    InstanceAdministration administration;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ActiveSessions sessions;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    private UserSummary admin;

    @BeforeEach
    void setUp() {
        admin = Fixtures.user(accounts, "admin");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
    }

    @Test
    void only_instance_admins_administer() {
        UserSummary someone = Fixtures.user(accounts, "someone");

        assertThat(administration.isAdmin(admin.id())).isTrue();
        assertThat(administration.isAdmin(someone.id())).isFalse();
        assertThatThrownBy(() -> administration.accounts(someone.id()))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Only instance administrators can do this");
        assertThatThrownBy(() -> administration.disable(someone.id(), admin.username()))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> administration.enable(someone.id(), admin.username()))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> administration.setRegistrationOpen(someone.id(), false))
                .isInstanceOf(NotAllowedException.class);
        assertThat(administration.accounts(admin.id()))
                .extracting(a -> a.user().username())
                .contains(admin.username(), someone.username());
    }

    @Test
    void a_disabled_account_cannot_sign_in_its_tokens_stop_and_its_browsers_are_signed_out() throws Exception {
        UserSummary target = Fixtures.user(accounts, "target");
        String token = tokens.create(target.id(), "bot").token();
        MockHttpSession browser = new MockHttpSession();
        String secret = sessions.record(target.id(), browser, "Firefox on Linux");
        BlockingQueue<Object> told = new LinkedBlockingQueue<>();

        try (Subscription ignored = broadcaster.subscribe(target.id().topic(), told::add)) {
            InstanceAdministration.Account disabled = administration.disable(admin.id(), target.username());

            assertThat(disabled.disabled()).isTrue();
            assertThat(told.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new SessionsEnded(target.id(), Set.of(browser.getId())));
        }
        assertThat(userDetails.loadUserByUsername(target.username()).isEnabled())
                .isFalse();
        assertThat(tokens.authenticate(token)).isEmpty();
        assertThat(sessions.of(target.id(), null)).isEmpty();
        // Nor does the browser's cookie sign it in on another node, even once the account is enabled again.
        assertThat(sessions.resume(secret, new MockHttpServletRequest())).isEmpty();

        administration.enable(admin.id(), target.username());

        assertThat(sessions.resume(secret, new MockHttpServletRequest())).isEmpty();

        assertThat(userDetails.loadUserByUsername(target.username()).isEnabled())
                .isTrue();
        assertThat(tokens.authenticate(token)).isPresent();
    }

    @Test
    void a_disabled_account_gets_no_token_for_its_right_password_but_the_answer_of_a_wrong_one() {
        UserSummary target = Fixtures.user(accounts, "target");
        administration.disable(admin.id(), target.username());

        assertThat(tokens.createForCredentials(target.username(), Fixtures.PASSWORD, "script", "192.0.2.1"))
                .isEmpty();
        assertThat(tokens.list(target.id())).isEmpty();

        administration.enable(admin.id(), target.username());
        assertThat(tokens.createForCredentials(target.username(), Fixtures.PASSWORD, "script", "192.0.2.1"))
                .isPresent();
    }

    @Test
    void an_admin_cannot_disable_their_own_account() {
        assertThatThrownBy(() -> administration.disable(admin.id(), admin.username()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("You cannot disable your own account");
        assertThat(userDetails.loadUserByUsername(admin.username()).isEnabled()).isTrue();
    }

    @Test
    void closing_registration_stops_sign_ups_until_it_is_opened_again() {
        try {
            administration.setRegistrationOpen(admin.id(), false);

            assertThat(accounts.registrationOpen()).isFalse();
            assertThatThrownBy(() -> Fixtures.user(accounts, "latecomer"))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessage("Registration is closed on this server");
        } finally {
            administration.setRegistrationOpen(admin.id(), true);
        }
        assertThat(accounts.registrationOpen()).isTrue();
        assertThat(Fixtures.user(accounts, "welcome").username()).startsWith("welcome");
    }
}
