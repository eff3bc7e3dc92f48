package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Sign-up and API tokens; run on SQLite and on H2 by the subclasses. */
abstract class AccountServiceContract {

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    PasswordEncoder passwordEncoder;

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
}
