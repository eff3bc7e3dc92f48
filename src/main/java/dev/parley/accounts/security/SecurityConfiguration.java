package dev.parley.accounts.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.BrowserCookie;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.SignInThrottle;
import dev.parley.accounts.ui.LoginView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Two filter chains: a stateless one for the REST API under {@code /api/**} (bearer tokens, a request limit per client,
 * JSON errors), and Vaadin's for everything else (form login and, when configured, single sign-on through an OpenID
 * Connect provider; session, CSRF, view access control).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Checks the sign-in form's passwords, throttled. Being the only {@link AuthenticationProvider} bean, it is the one
     * Spring Security uses for form login, instead of a provider of its own around {@link UserDetailsService}.
     */
    @Bean
    AuthenticationProvider passwordSignIn(
            UserDetailsService users, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        return new ThrottledPasswordSignIn(users, passwordEncoder, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(
            HttpSecurity http,
            ApiTokenService tokens,
            ObjectProvider<ProviderAccessTokens> providerTokens,
            ApiRateLimiter rateLimiter,
            ObjectProvider<SecurityContextHolderStrategy> contextHolders) {
        // The strategy Spring Security's own filters take from the context (Vaadin's), not the JVM-wide one.
        SecurityContextHolderStrategy contextHolder =
                contextHolders.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
        http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Files answer 404 themselves to a client without a token, exactly as for a missing file. The OpenAPI
                // document describes the API as the README does, and is as open (docs/design-decisions).
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/api/auth/**", "/api/files/**", "/api/openapi.json", "/api/openapi.json/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(
                        new ApiTokenAuthenticationFilter(tokens, providerTokens.getIfAvailable(), contextHolder),
                        AnonymousAuthenticationFilter.class)
                // Counted once the token filter has named the client (a token, an account, else the address).
                .addFilterAfter(new ApiRateLimitFilter(rateLimiter), ApiTokenAuthenticationFilter.class)
                .exceptionHandling(e ->
                        e.authenticationEntryPoint((request, response, ex) -> ApiTokenAuthenticationFilter.writeError(
                                response, 401, "Authentication required: send Authorization: Bearer <token>")));
        return http.build();
    }

    /** Tells the application when sessions end, so that {@link ActiveSessions} forgets them. */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(
            HttpSecurity http,
            ActiveSessions sessions,
            GuestAccess guests,
            ObjectProvider<ProviderRegistration> provider,
            ObjectProvider<ParleyOidcUserService> oidcUsers,
            ObjectProvider<SecurityContextHolderStrategy> contextHolders,
            RequestUtil vaadinRequests,
            @Value("${parley.benchmark.ceiling-endpoint:false}") boolean benchmarkCeiling) {
        // A browser signed out from elsewhere is refused at once, before its session is read.
        http.addFilterBefore(new EndedSessionFilter(sessions), SecurityContextHolderFilter.class);
        SecurityContextHolderStrategy contextHolder =
                contextHolders.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
        // A signed-in browser whose session this node does not hold (its node died or was stopped) is signed in again
        // from its cookie, once its session has been looked for.
        http.addFilterAfter(new SignedInBrowserFilter(sessions, contextHolder), SecurityContextHolderFilter.class);
        // A guest's browser signs in with the one-time ticket the guest page made for its session (GuestAccess).
        http.addFilterBefore(
                new GuestSignInFilter(guests, sessions, contextHolder), AnonymousAuthenticationFilter.class);
        http.authorizeHttpRequests(a -> a.requestMatchers("/styles.css").permitAll());
        // Uploaded files reach their controller signed in or not: it answers 404 to anyone who may not read the file,
        // a signed-out browser included, rather than revealing by a sign-in redirect that the file exists.
        http.authorizeHttpRequests(a -> a.requestMatchers("/files/**").permitAll());
        // Users' pictures are for every signed-in user, as their names are; a signed-out browser is sent to sign in.
        http.authorizeHttpRequests(a -> a.requestMatchers("/avatars/**").authenticated());
        // The health check, for monitors and load balancers: whether Parley and its storage work (StorageStatus).
        http.authorizeHttpRequests(a ->
                a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll());
        // Swagger UI, to try the REST API: for signed-in browsers (it reads /api/openapi.json, which is open).
        http.authorizeHttpRequests(
                a -> a.requestMatchers("/api-docs", "/swagger-ui/**").authenticated());
        if (benchmarkCeiling) {
            // The benchmark's plain WebSocket yardstick (realtime.CeilingEndpoint) is open, like its data.
            http.authorizeHttpRequests(a -> a.requestMatchers("/bench/ceiling").permitAll());
        }
        ProviderRegistration registration = provider.getIfAvailable();
        if (registration != null) {
            singleSignOn(http, registration, oidcUsers.getObject());
        }
        // A page of another site cannot post here with the user's cookies: its Origin is refused, and every POST needs
        // the session's CSRF token. Vaadin's own CSRF setup would exempt the sign-in form's POST /login, so that a
        // foreign page could sign a visitor's browser into the attacker's account; only Vaadin's internal requests
        // (UIDL, heartbeat, push), which Vaadin checks against its own per-UI token, go without Spring's.
        http.addFilterBefore(new SameOriginFilter(), CsrfFilter.class);
        // The page headers (PageHeaders) on every other answer too, where it sets none of its own: Spring Security's
        // defaults stay (nosniff; Cache-Control: no-store unless an answer sets its own caching, as downloads do).
        http.headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives(PageHeaders.CONTENT_SECURITY_POLICY))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PageHeaders.PERMISSIONS_POLICY)));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        // Signing out forgets the browser on every node, so that its cookie cannot sign it in again.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false)
                .addLogoutHandler((request, response, authentication) -> {
                    sessions.signedOut(request.getSession(false), BrowserCookie.read(request));
                    BrowserCookie.clear(request, response);
                }));
        return http.build();
    }

    /**
     * "Sign in with …" on the sign-in page starts at {@code /oauth2/authorization/oidc}; the provider sends the browser
     * back to {@code /login/oauth2/code/oidc}, where the signed-in person becomes their Parley account
     * ({@link ParleyOidcUserService}). Like form sign-in, it changes the session id and publishes the sign-in, so
     * {@link ActiveSessions} tracks these sessions too. A refusal comes back to the sign-in page as {@code ?sso-error}
     * with the reason in the session, where Spring Security keeps the last failure.
     */
    private static void singleSignOn(
            HttpSecurity http, ProviderRegistration registration, ParleyOidcUserService oidcUsers) {
        http.oauth2Login(oauth -> oauth.loginPage("/login")
                .clientRegistrationRepository(registration)
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUsers))
                .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?sso-error")));
        http.addFilterBefore(
                new ProviderAvailabilityFilter(registration), OAuth2AuthorizationRequestRedirectFilter.class);
    }
}
