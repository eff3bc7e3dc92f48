package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-up, display names and API tokens; run on SQLite and on H2 by the subclasses. */
abstract class AccountServiceContract {

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    ActiveSessions sessions;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void new_user_can_sign_in_with_the_password_they_chose() {
        String name = Fixtures.username("ada");
        UserSummary user = accounts.register(name, "Ada Lovelace", "analytical-engine");

        assertThat(user.username()).isEqualTo(name);
        assertThat(user.displayName()).isEqualTo("Ada Lovelace");
        var details = userDetails.loadUserByUsername(name);
        assertThat(passwordEncoder.matches("analytical-engine", details.getPassword()))
                .isTrue();
        assertThat(details.getPassword()).startsWith("{bcrypt}");
    }

    @Test
    void changing_the_password_needs_the_current_one_and_signs_out_the_other_browsers() throws InterruptedException {
        UserSummary user = Fixtures.user(accounts, "changer");
        MockHttpSession here = new MockHttpSession();
        MockHttpSession elsewhere = new MockHttpSession();
        String hereSecret = sessions.record(user.id(), here, "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0");
        String elsewhereSecret = sessions.record(user.id(), elsewhere, "Mozilla/5.0 (Windows NT 10.0) Firefox/141.0");

        assertThatThrownBy(() -> accounts.changePassword(user.id(), "not-it", "a-new-secret", here.getId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The current password is not right");
        assertThatThrownBy(() -> accounts.changePassword(user.id(), Fixtures.PASSWORD, "short", here.getId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Password is too short");
        assertThat(sessions.of(user.id(), here.getId())).hasSize(2);

        BlockingQueue<Object> told = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(user.id().topic(), told::add)) {
            accounts.changePassword(user.id(), Fixtures.PASSWORD, "a-new-secret", here.getId());

            assertThat(told.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new SessionsEnded(user.id(), Set.of(elsewhere.getId())));
        }
        var details = userDetails.loadUserByUsername(user.username());
        assertThat(passwordEncoder.matches("a-new-secret", details.getPassword()))
                .isTrue();
        assertThat(passwordEncoder.matches(Fixtures.PASSWORD, details.getPassword()))
                .isFalse();
        assertThat(sessions.of(user.id(), here.getId())).singleElement().satisfies(left -> {
            assertThat(left.current()).isTrue();
            assertThat(left.client()).isEqualTo("Chrome on Linux");
        });
        // The other session is invalidated once its tabs have had a moment to hear it.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(elsewhere::isInvalid);
        assertThat(here.isInvalid()).isFalse();
        // On another node, only the browser that changed the password is still signed in by its cookie.
        assertThat(sessions.resume(elsewhereSecret, new MockHttpServletRequest()))
                .isEmpty();
        assertThat(sessions.resume(hereSecret, new MockHttpServletRequest())).isPresent();
    }

    @Test
    void a_browser_is_signed_in_again_by_its_secret_where_its_session_is_unknown_until_it_is_signed_out() {
        UserSummary user = Fixtures.user(accounts, "wanderer");
        String secret =
                sessions.record(user.id(), new MockHttpSession(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0");
        assertThat(secret).isNotNull();

        // Another node, which never saw the browser's session: a new session, signed in as the browser's user.
        MockHttpServletRequest elsewhere = new MockHttpServletRequest();
        assertThat(sessions.resume(secret, elsewhere)).get().satisfies(resumed -> {
            assertThat(resumed.id()).isEqualTo(user.id());
            assertThat(resumed.getUsername()).isEqualTo(user.username());
            assertThat(resumed.guest()).isFalse();
        });
        String resumedSession = elsewhere.getSession(false).getId();
        // Still one browser, the same one, and it is the one asking in its new session.
        assertThat(sessions.of(user.id(), resumedSession)).singleElement().satisfies(browser -> {
            assertThat(browser.current()).isTrue();
            assertThat(browser.client()).isEqualTo("Chrome on Linux");
        });
        assertThat(sessions.resume("made-up-" + secret, new MockHttpServletRequest()))
                .isEmpty();

        sessions.signOut(user.id(), sessions.of(user.id(), null).getFirst().key());

        assertThat(sessions.of(user.id(), null)).isEmpty();
        assertThat(sessions.resume(secret, new MockHttpServletRequest())).isEmpty();
    }

    @Test
    void a_browser_that_signs_out_itself_is_forgotten() {
        UserSummary user = Fixtures.user(accounts, "leaver");
        MockHttpSession session = new MockHttpSession();
        String secret = sessions.record(user.id(), session, "Firefox/141.0");
        String other = sessions.record(user.id(), new MockHttpSession(), "Firefox/141.0");

        sessions.signedOut(session, secret);

        assertThat(sessions.resume(secret, new MockHttpServletRequest())).isEmpty();
        assertThat(sessions.resume(other, new MockHttpServletRequest())).isPresent();
        assertThat(sessions.of(user.id(), null)).hasSize(1);
    }

    @Test
    void usernames_are_unique_ignoring_case() {
        String name = Fixtures.username("grace");
        accounts.register(name, "Grace", Fixtures.PASSWORD);

        assertThatThrownBy(() -> accounts.register(name.toUpperCase(), "Other Grace", Fixtures.PASSWORD))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Username is already taken");
    }

    @Test
    void rules_for_sign_up_are_explained() {
        assertThatThrownBy(() -> accounts.register(Fixtures.username("x"), "X", "short"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Password is too short");
        assertThatThrownBy(() -> accounts.register("ab", "X", Fixtures.PASSWORD))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 to 32 characters");
        assertThatThrownBy(() -> accounts.register("no spaces!", "X", Fixtures.PASSWORD))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only letters a-z, digits, _ and -");
        assertThatThrownBy(() -> accounts.register(Fixtures.username("x"), "   ", Fixtures.PASSWORD))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Display name");
    }

    @Test
    void a_password_over_72_bytes_cannot_be_set_and_is_never_right() {
        // 40 characters, 80 bytes: bcrypt reads at most 72.
        String eightyBytes = "é".repeat(40);
        String seventyTwoBytes = "é".repeat(36);
        UserSummary user = Fixtures.user(accounts, "bytes");

        assertThatThrownBy(() -> accounts.register(Fixtures.username("x"), "X", eightyBytes))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Password is too long: use at most 72 bytes (a letter like é takes 2, an emoji 4)");
        assertThatThrownBy(() -> accounts.changePassword(user.id(), Fixtures.PASSWORD, eightyBytes, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Password is too long: use at most 72 bytes (a letter like é takes 2, an emoji 4)");
        assertThatThrownBy(() -> accounts.changePassword(user.id(), eightyBytes, "a-new-secret", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The current password is not right");
        assertThat(tokens.createForCredentials(user.username(), eightyBytes, "x", "192.0.2.1"))
                .isEmpty();
        assertThat(tokens.createForCredentials(Fixtures.username("nobody"), eightyBytes, "x", "192.0.2.1"))
                .isEmpty();

        accounts.changePassword(user.id(), Fixtures.PASSWORD, seventyTwoBytes, null);
        assertThat(tokens.createForCredentials(user.username(), seventyTwoBytes, "x", "192.0.2.1"))
                .isPresent();
    }

    @Test
    void token_authenticates_its_owner_until_revoked() {
        UserSummary owner = Fixtures.user(accounts, "bot");
        NewApiToken created = tokens.create(owner.id(), "CI bot");

        assertThat(tokens.list(owner.id()).getFirst().lastUsedAt()).isNull();
        assertThat(tokens.authenticate(created.token())).hasValueSatisfying(u -> {
            assertThat(u.id()).isEqualTo(owner.id());
            assertThat(u.getUsername()).isEqualTo(owner.username());
        });
        assertThat(tokens.list(owner.id())).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("CI bot");
            assertThat(info.lastUsedAt()).as("the use is recorded").isNotNull();
        });

        tokens.revoke(owner.id(), created.info().id());
        assertThat(tokens.authenticate(created.token())).isEmpty();
        assertThat(tokens.list(owner.id())).isEmpty();
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer() {
        UserSummary user = Fixtures.user(accounts, "carol");

        assertThat(tokens.createForCredentials(user.username(), "wrong-password", "x", "192.0.2.1"))
                .isEmpty();
        assertThat(tokens.createForCredentials(Fixtures.username("nobody"), "wrong-password", "x", "192.0.2.1"))
                .isEmpty();
        assertThat(tokens.createForCredentials(user.username(), Fixtures.PASSWORD, "x", "192.0.2.1"))
                .isPresent();
    }

    @Test
    void display_name_changes_by_the_rules_of_sign_up() {
        UserSummary user = Fixtures.user(accounts, "dora");

        UserSummary renamed = accounts.changeDisplayName(user.id(), "  Dora the Explorer ");

        assertThat(renamed.displayName()).isEqualTo("Dora the Explorer");
        assertThat(renamed.initials()).isEqualTo("DE");
        assertThat(accounts.summary(user.id()).displayName()).isEqualTo("Dora the Explorer");
        assertThat(accounts.summaries(List.of(user.id())).get(user.id()).displayName())
                .isEqualTo("Dora the Explorer");
        for (String wrong : List.of("", "   ", "x".repeat(User.DISPLAY_NAME_MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> accounts.changeDisplayName(user.id(), wrong))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Display name must be 1 to 64 characters");
        }
        assertThat(accounts.changeDisplayName(user.id(), "x".repeat(User.DISPLAY_NAME_MAX_LENGTH))
                        .displayName())
                .hasSize(User.DISPLAY_NAME_MAX_LENGTH);
    }

    @Test
    void a_display_name_cannot_hide_characters_that_change_what_others_read() {
        UserSummary user = Fixtures.user(accounts, "mallory");

        assertThatThrownBy(() -> accounts.changeDisplayName(user.id(), "Mallory\u202Enimda"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Display name must not contain invisible or direction-changing characters (it has U+202E)");
        assertThatThrownBy(() -> accounts.register(Fixtures.username("x"), "ad\u200Bmin", Fixtures.PASSWORD))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Display name must not contain invisible or direction-changing characters (it has U+200B)");
        assertThatThrownBy(() -> accounts.changeDisplayName(user.id(), "\u200B\uFEFF"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Display name must be 1 to 64 characters");
        assertThat(accounts.summary(user.id()).displayName()).isEqualTo("Mallory Tester");

        assertThat(accounts.changeDisplayName(user.id(), "\uFEFFMallory \uD83D\uDC69\u200D\uD83D\uDCBB\u200B")
                        .displayName())
                .isEqualTo("Mallory \uD83D\uDC69\u200D\uD83D\uDCBB");
    }

    @Test
    void a_new_name_is_announced_to_everyone_and_to_the_users_own_views_once_committed() {
        UserSummary user = Fixtures.user(accounts, "erin");
        BlockingQueue<Object> everyone = new LinkedBlockingQueue<>();
        BlockingQueue<Object> own = new LinkedBlockingQueue<>();
        try (var a = broadcaster.subscribe(UserProfileChanged.TOPIC, everyone::add);
                var b = broadcaster.subscribe(user.id().topic(), own::add)) {
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                accounts.changeDisplayName(user.id(), "Erin Rolled Back");
                status.setRollbackOnly();
            });
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                accounts.changeDisplayName(user.id(), "Erin Committed");
                // Nothing is announced before the commit: the broadcaster had time to deliver it had it been sent.
                assertThat(poll(everyone, 200)).isNull();
            });

            Object announced = poll(everyone, 5000);
            assertThat(announced).isInstanceOf(UserProfileChanged.class);
            assertThat(((UserProfileChanged) announced).user())
                    .isEqualTo(accounts.summary(user.id()))
                    .extracting(UserSummary::displayName)
                    .isEqualTo("Erin Committed");
            assertThat(poll(own, 5000)).isEqualTo(announced);
            // The same name again is no change.
            accounts.changeDisplayName(user.id(), "Erin Committed");
            assertThat(poll(everyone, 200)).isNull();
        }
    }

    private static Object poll(BlockingQueue<Object> queue, long millis) {
        try {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an event", e);
        }
    }
}
