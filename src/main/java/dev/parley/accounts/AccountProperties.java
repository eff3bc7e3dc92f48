package dev.parley.accounts;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param registrationOpen whether anyone may sign up ({@code PARLEY_ACCOUNTS_REGISTRATION_OPEN=false} closes it); an
 *     instance admin may change it at run time, which then wins
 * @param admin the username of an instance admin besides the first account ({@code PARLEY_ACCOUNTS_ADMIN}); made one at
 *     start-up if it exists, or when it signs up
 * @param localPasswords whether accounts may have passwords ({@code PARLEY_ACCOUNTS_LOCAL_PASSWORDS=false} turns them
 *     off when everyone signs in through single sign-on): off, the sign-in page shows only the single sign-on button,
 *     and sign-up, password sign-in, password changes and {@code POST /api/auth/token} are refused
 */
@ConfigurationProperties("parley.accounts")
public record AccountProperties(
        @DefaultValue("true") boolean registrationOpen,
        @Nullable String admin,
        @DefaultValue("true") boolean localPasswords) {}
