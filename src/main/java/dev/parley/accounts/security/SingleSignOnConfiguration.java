package dev.parley.accounts.security;

import dev.parley.accounts.OidcProperties;
import dev.parley.accounts.SingleSignOn;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of single sign-on that exist only when a provider is configured ({@code parley.oidc.issuer-uri}); without
 * one, none of these beans exists and the security chains are those of password sign-in alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${parley.oidc.issuer-uri:}'.isBlank()")
class SingleSignOnConfiguration {

    @Bean
    ProviderRegistration providerRegistration(OidcProperties properties) {
        return new ProviderRegistration(properties);
    }

    @Bean
    ParleyOidcUserService parleyOidcUserService(SingleSignOn singleSignOn) {
        return new ParleyOidcUserService(singleSignOn);
    }

    @Bean
    ProviderAccessTokens providerAccessTokens(OidcProperties properties, SingleSignOn singleSignOn) {
        return new ProviderAccessTokens(properties, singleSignOn);
    }
}
