package dev.parley.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param registrationOpen whether anyone may sign up ({@code PARLEY_ACCOUNTS_REGISTRATION_OPEN=false} closes it)
 */
@ConfigurationProperties("parley.accounts")
public record AccountProperties(@DefaultValue("true") boolean registrationOpen) {}
