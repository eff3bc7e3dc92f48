package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.internal.InstanceSettingRepository;
import dev.parley.accounts.internal.UserIdentityRepository;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.NotAllowedException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts found and made by single sign-on, and the accounts the provider's access tokens stand for; run on SQLite and
 * on H2 by the subclasses. Names carry a random word, since the tests share their database.
 */
abstract class SingleSignOnContract {

    private static final String ISSUER = "https://id.example.com/realms/test";

    @Autowired
    SingleSignOn singleSignOn;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserRepository users;

    @Autowired
    UserIdentityRepository identities;

    @Autowired
    InstanceSettingRepository settings;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void a_first_sign_in_makes_an_account_without_a_password_named_as_the_provider_says() {
        String word = word();
        ParleyUser signedIn = singleSignOn.signIn(claims(subject(), "Ada." + word, "Ada Lovelace"));

        assertThat(signedIn.getUsername()).isEqualTo("ada-" + word);
        UserSummary ada = accounts.findByUsername("ada-" + word).orElseThrow();
        assertThat(ada.id()).isEqualTo(signedIn.id());
        assertThat(ada.displayName()).isEqualTo("Ada Lovelace");
        assertThat(accounts.hasPassword(ada.id())).isFalse();
        // No password signs in to it, not even an empty one, and it cannot get a token for one.
        assertThat(tokens.createForCredentials(ada.username(), "", "script", "192.0.2.1"))
                .isEmpty();
        assertThatThrownBy(() -> accounts.changePassword(ada.id(), "", "a-new-password", null))
                .hasMessage("Your account signs in through single sign-on and has no password");
    }

    @Test
    void a_providers_name_loses_the_characters_a_typed_one_would_be_refused_for() {
        String word = word();

        ParleyUser signedIn = singleSignOn.signIn(claims(subject(), "eve-" + word, "\u202EEve\u202C\u200B Hacker\n"));

        assertThat(accounts.summary(signedIn.id()).displayName()).isEqualTo("Eve Hacker");
    }

    @Test
    void the_next_sign_in_finds_the_account_by_subject_whatever_the_names_say() {
        String subject = subject();
        String word = word();
        ParleyUser first = singleSignOn.signIn(claims(subject, "grace-" + word, "Grace Hopper"));

        ParleyUser again = singleSignOn.signIn(claims(subject, "someone-else-" + word, "Someone Else"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.getUsername()).isEqualTo("grace-" + word);
        assertThat(accounts.findByUsername("someone-else-" + word)).isEmpty();
        // The same subject at another provider is another person.
        assertThat(singleSignOn
                        .signIn(new SingleSignOn.Claims(
                                "https://other.example.com", subject, "grace-" + word, null, "Grace"))
                        .id())
                .isNotEqualTo(first.id());
    }

    @Test
    void names_are_made_valid_and_unique_by_the_sign_up_rules() {
        String word = word();
        assertThat(singleSignOn
                        .signIn(claims(subject(), "Zoë " + word + "!", "Zoë"))
                        .getUsername())
                .isEqualTo("zo-" + word);
        assertThat(singleSignOn
                        .signIn(claims(subject(), "zo-" + word, "Another Zoë"))
                        .getUsername())
                .isEqualTo("zo-" + word + "-2");
        assertThat(singleSignOn
                        .signIn(claims(subject(), "zo-" + word, "A third"))
                        .getUsername())
                .isEqualTo("zo-" + word + "-3");
        // No preferred_username: the e-mail's local part; a name too short gets a suffix; one too long is cut.
        assertThat(singleSignOn
                        .signIn(new SingleSignOn.Claims(ISSUER, subject(), null, "mail-" + word + "@example.com", null))
                        .getUsername())
                .isEqualTo("mail-" + word);
        assertThat(accounts.availableUsername("x")).isEqualTo("x-user");
        assertThat(accounts.availableUsername("!!")).startsWith("user");
        String long64 = "a" + word.repeat(8);
        assertThat(accounts.availableUsername(long64)).hasSize(User.USERNAME_MAX_LENGTH);
    }

    @Test
    void a_password_account_of_the_same_name_is_not_taken_over_unless_configured() {
        UserSummary existing = Fixtures.user(accounts, "linus");

        ParleyUser newcomer = singleSignOn.signIn(claims(subject(), existing.username(), "Not Linus"));

        assertThat(newcomer.id()).isNotEqualTo(existing.id());
        assertThat(newcomer.getUsername()).isEqualTo(existing.username() + "-2");

        SingleSignOn linking = new SingleSignOn(
                users,
                identities,
                accounts,
                new OidcProperties(ISSUER, "parley", null, "Test", List.of("openid"), null, true),
                Clock.systemUTC());
        String subject = subject();
        ParleyUser linked = linking.signIn(claims(subject, existing.username(), "Linus"));
        assertThat(linked.id()).isEqualTo(existing.id());
        assertThat(singleSignOn.linkedUser(ISSUER, subject)).map(ParleyUser::id).hasValue(existing.id());
        // Once linked, the name is nobody else's to claim.
        assertThat(linking.signIn(claims(subject(), existing.username(), "Impostor"))
                        .id())
                .isNotEqualTo(existing.id());
    }

    @Test
    void a_disabled_account_is_refused_and_its_access_tokens_stand_for_nobody() {
        String subject = subject();
        ParleyUser user = singleSignOn.signIn(claims(subject, "dora-" + word(), "Dora"));
        assertThat(singleSignOn.linkedUser(ISSUER, subject)).isPresent();

        inTransaction(() -> users.findById(user.id().value()).orElseThrow().setDisabled(true));

        assertThatThrownBy(() -> singleSignOn.signIn(claims(subject, "dora", "Dora")))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("This account is disabled. Ask an administrator to enable it.");
        assertThat(singleSignOn.linkedUser(ISSUER, subject)).isEmpty();
        assertThat(singleSignOn.linkedUser(ISSUER, "nobody-" + subject)).isEmpty();
    }

    @Test
    void closed_registration_refuses_new_people_but_not_the_ones_who_have_an_account() {
        String known = subject();
        ParleyUser member = singleSignOn.signIn(claims(known, "erin-" + word(), "Erin"));
        inTransaction(() -> settings.save(new InstanceSetting(InstanceSetting.REGISTRATION_OPEN, "false")));
        try {
            assertThatThrownBy(() -> singleSignOn.signIn(claims(subject(), "frank-" + word(), "Frank")))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessageStartingWith("Registration is closed on this server");
            assertThat(singleSignOn.signIn(claims(known, "erin", "Erin")).id()).isEqualTo(member.id());
        } finally {
            inTransaction(() -> settings.deleteById(InstanceSetting.REGISTRATION_OPEN));
        }
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    private static SingleSignOn.Claims claims(String subject, String preferredUsername, String name) {
        return new SingleSignOn.Claims(ISSUER, subject, preferredUsername, null, name);
    }

    private static String subject() {
        return UUID.randomUUID().toString();
    }

    private static String word() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
