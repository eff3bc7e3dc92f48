package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.realtime.Broadcaster;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
    void token_authenticates_its_owner_until_revoked() {
        UserSummary owner = Fixtures.user(accounts, "bot");
        NewApiToken created = tokens.create(owner.id(), "CI bot");

        assertThat(tokens.authenticate(created.token()))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(owner.id()));
        assertThat(tokens.list(owner.id())).extracting(ApiTokenInfo::name).containsExactly("CI bot");

        tokens.revoke(owner.id(), created.info().id());
        assertThat(tokens.authenticate(created.token())).isEmpty();
        assertThat(tokens.list(owner.id())).isEmpty();
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer() {
        UserSummary user = Fixtures.user(accounts, "carol");

        assertThat(tokens.createForCredentials(user.username(), "wrong-password", "x"))
                .isEmpty();
        assertThat(tokens.createForCredentials(Fixtures.username("nobody"), "wrong-password", "x"))
                .isEmpty();
        assertThat(tokens.createForCredentials(user.username(), Fixtures.PASSWORD, "x"))
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
