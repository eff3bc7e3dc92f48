package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.SingleSignOn;
import dev.parley.accounts.UserSummary;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * Single sign-on against a real OpenID Connect provider: navikt's mock-oauth2-server on 127.0.0.1, with its interactive
 * login page, where a person types a subject and the claims the provider vouches for. Passwords are turned off here, as
 * on an instance where everyone signs in through the provider. The application context is its own (the provider's
 * address is only known at run time), so everything single sign-on needs is proven in this one class; the methods run
 * in order because the first account made becomes the instance admin.
 */
@TestPropertySource(
        properties = {
            "parley.accounts.local-passwords=false",
            "parley.oidc.client-id=parley",
            "parley.oidc.client-secret=parley-secret",
            "parley.oidc.display-name=Mock Provider"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleSignOnE2eTest extends BrowserTestSupport {

    private static final String CLIENT_ID = "parley";
    private static final Pattern SIGN_IN_PAGE = Pattern.compile(".*/login.*");
    private static final PageAssertions.HasURLOptions AT_ONCE = new PageAssertions.HasURLOptions().setTimeout(6000);

    private static final MockOAuth2Server provider = startProvider();

    @Autowired
    InstanceAdministration administration;

    @Autowired
    SingleSignOn singleSignOn;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ObjectMapper json;

    private static MockOAuth2Server startProvider() {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @DynamicPropertySource
    static void providerIssuer(DynamicPropertyRegistry registry) {
        registry.add("parley.oidc.issuer-uri", SingleSignOnE2eTest::issuer);
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    private static String issuer() {
        return provider.issuerUrl("default").toString();
    }

    @Test
    @Order(1)
    void first_sign_in_makes_an_account_the_next_finds_it_and_its_sessions_can_be_signed_out() {
        Page laptop = newPage();
        laptop.navigate(url("/login"));
        assertThat(laptop.locator("#sso-sign-in")).hasText("Sign in with Mock Provider");
        assertThat(laptop.locator("vaadin-login-form")).isHidden();
        assertThat(laptop.locator("#signup-link")).hasCount(0);

        signInAtProvider(laptop, "ada-subject", "{\"preferred_username\":\"Ada.Lovelace\",\"name\":\"Ada Lovelace\"}");

        assertThat(laptop.locator("#user-menu")).containsText("Ada Lovelace");
        UserSummary ada = accounts.findByUsername("ada-lovelace").orElseThrow();
        assertThat(ada.displayName()).isEqualTo("Ada Lovelace");
        assertThat(accounts.hasPassword(ada.id())).isFalse();
        // The first account administers the instance, however it was made.
        assertThat(administration.isAdmin(ada.id())).isTrue();

        // The chat works as for anyone: new accounts are in the general room.
        laptop.navigate(url("/rooms/general"));
        Locator composer = laptop.locator("vaadin-text-area.composer-input textarea");
        composer.fill("Signed in through the provider");
        composer.press("Enter");
        assertThat(laptop.locator(".message-body").last()).hasText("Signed in through the provider");

        // The next sign-in finds the account by the provider's subject, whatever the name says now.
        Page phone = newPage();
        phone.navigate(url("/"));
        signInAtProvider(phone, "ada-subject", "{\"preferred_username\":\"ada.renamed\",\"name\":\"Ada L.\"}");
        assertThat(phone.locator("#user-menu")).containsText("Ada Lovelace");
        assertThat(accounts.allUsers()).extracting(UserSummary::username).containsExactly("ada-lovelace");

        // Both browsers are listed on the Profile page, which has no password to change; one signs out the other.
        laptop.navigate(url("/profile"));
        assertThat(laptop.locator("#no-password")).isVisible();
        assertThat(laptop.locator("#current-password")).hasCount(0);
        assertThat(laptop.locator("#sessions .session")).hasCount(2);
        laptop.locator("#sessions .session-sign-out").click();
        assertThat(phone).hasURL(SIGN_IN_PAGE, AT_ONCE);
        assertThat(laptop.locator("#sessions .session")).hasCount(1);
    }

    @Test
    @Order(2)
    void a_disabled_account_and_any_password_are_refused() {
        Page bobs = newPage();
        bobs.navigate(url("/"));
        signInAtProvider(bobs, "bob-subject", "{\"preferred_username\":\"bob\",\"name\":\"Bob\"}");
        UserSummary ada = accounts.findByUsername("ada-lovelace").orElseThrow();

        administration.disable(ada.id(), "bob");

        assertThat(bobs).hasURL(SIGN_IN_PAGE, AT_ONCE);
        bobs.navigate(url("/login"));
        bobs.locator("#sso-sign-in").click();
        fillProviderLogin(bobs, "bob-subject", "{\"preferred_username\":\"bob\"}");
        bobs.waitForURL(u -> u.startsWith(url("/login")));
        assertThat(bobs.locator("#sign-in-problem"))
                .hasText("This account is disabled. Ask an administrator to enable it.");

        // The password form is hidden; posted anyway (with the page's CSRF token), it is refused and the sign-in page
        // says why.
        Page guesser = newPage();
        guesser.navigate(url("/login"));
        assertThat(guesser.locator("vaadin-login-form")).isHidden();
        String csrfToken = guesser.locator("meta[name=_csrf]").getAttribute("content");
        APIResponse posted = guesser.request()
                .post(
                        url("/login"),
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("_csrf", csrfToken)
                                        .set("username", "ada-lovelace")
                                        .set("password", "any-password-at-all"))
                                .setMaxRedirects(0));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.headers().get("location")).endsWith("/login?error");
        guesser.navigate(posted.headers().get("location"));
        assertThat(guesser.locator("#sign-in-problem"))
                .hasText("Password sign-in is turned off on this server. Sign in with Mock Provider.");
        assertThat(guesser.locator("#user-menu")).hasCount(0);
    }

    @Test
    @Order(3)
    void the_api_accepts_the_providers_access_tokens_of_linked_accounts_only() throws Exception {
        ApiClient api = new ApiClient(port, json);
        singleSignOn.signIn(new SingleSignOn.Claims(issuer(), "carol-subject", "carol", null, "Carol"));
        String token =
                provider.issueToken("default", "carol-subject", CLIENT_ID).serialize();

        ApiClient.Answer rooms = api.call("GET", "/api/rooms", token, null);
        assertThat(rooms.status()).isEqualTo(200);
        assertThat(rooms.body().valueStream().map(r -> r.path("slug").asString()))
                .contains("general");
        assertThat(rooms.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(api.post(token, "general", "Posted with the provider token")
                        .path("author")
                        .path("username")
                        .asString())
                .isEqualTo("carol");

        // Refused: another issuer, another audience, a changed token, a subject nobody is linked to.
        assertRefused(
                api, provider.issueToken("other", "carol-subject", CLIENT_ID).serialize());
        assertRefused(
                api,
                provider.issueToken("default", "carol-subject", "someone-else").serialize());
        assertRefused(api, withSubject(token, "ada-subject"));
        ApiClient.Answer stranger = api.call(
                "GET",
                "/api/rooms",
                provider.issueToken("default", "stranger", CLIENT_ID).serialize(),
                null);
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.error()).contains("sign in once in the browser");

        // Parley's own tokens, made on the Profile page, still work; tokens for a password do not exist here.
        UserSummary carol = accounts.findByUsername("carol").orElseThrow();
        assertThat(api.call(
                                "GET",
                                "/api/rooms",
                                tokens.create(carol.id(), "script").token(),
                                null)
                        .status())
                .isEqualTo(200);
        ApiClient.Answer forPassword =
                api.call("POST", "/api/auth/token", null, "{\"username\":\"carol\",\"password\":\"whatever-it-is\"}");
        assertThat(forPassword.status()).isEqualTo(403);
        assertThat(forPassword.error()).startsWith("Passwords are turned off on this server");
        ApiClient.Answer signUp = api.call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"mallory\",\"displayName\":\"Mallory\",\"password\":\"long-enough-secret\"}");
        assertThat(signUp.status()).isEqualTo(403);
        assertThat(accounts.findByUsername("mallory")).isEmpty();
    }

    private static void assertRefused(ApiClient api, String token) throws Exception {
        ApiClient.Answer answer = api.call("GET", "/api/rooms", token, null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asString()).isNotBlank();
    }

    /** The token with its payload's subject replaced and the signature left as it was. */
    private String withSubject(String token, String subject) {
        String[] parts = token.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Map<?, ?> claims = json.readValue(decoder.decode(parts[1]), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = new java.util.HashMap<>((Map<String, Object>) claims);
        changed.put("sub", subject);
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.writeValueAsString(changed).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** From Parley's sign-in page through the provider's and back, signed in. */
    private void signInAtProvider(Page page, String subject, String claims) {
        page.waitForURL(u -> u.startsWith(url("/login")));
        page.locator("#sso-sign-in").click();
        fillProviderLogin(page, subject, claims);
        try {
            page.waitForURL(u -> u.startsWith(url("/")) && !u.contains("/login"));
            page.locator("vaadin-app-layout").waitFor();
        } catch (PlaywrightException e) {
            throw new AssertionError(
                    "Single sign-on of " + subject + " did not come back signed in; screenshot: "
                            + screenshot(page, "sso-" + subject),
                    e);
        }
    }

    private static void fillProviderLogin(Page page, String subject, String claims) {
        page.locator("input[name=username]").fill(subject);
        page.locator("textarea[name=claims]").fill(claims);
        page.locator("input[type=submit]").click();
    }
}
