package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Requests that a page of another site makes a browser send with its cookies: a sign-in form posted without the sign-in
 * page's CSRF token, or from another origin, would sign the victim's browser into the attacker's account; any other
 * state-changing request from another origin is refused too. Webhooks, called by other servers, are not concerned.
 */
class CrossSiteRequestApiTest extends ApiTestSupport {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired
    AccountService accounts;

    /** A browser: its own cookies, redirects not followed. */
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void signing_in_without_the_sign_in_pages_csrf_token_is_refused() throws Exception {
        UserSummary user = Fixtures.user(accounts, "victim");
        signInPageToken();

        HttpResponse<String> answer = postLogin(null, user.username(), null);

        assertThat(signedIn()).isFalse();
        assertRefusedBySpringSecurity(answer);
    }

    @Test
    void signing_in_from_another_origin_is_refused_even_with_a_token() throws Exception {
        UserSummary user = Fixtures.user(accounts, "victim");
        String token = signInPageToken();

        HttpResponse<String> answer = postLogin(token, user.username(), "https://evil.example");

        assertThat(signedIn()).isFalse();
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("another site");
    }

    @Test
    void signing_in_with_the_token_from_this_origin_or_without_an_origin_works() throws Exception {
        UserSummary user = Fixtures.user(accounts, "regular");
        HttpResponse<String> sameOrigin = postLogin(signInPageToken(), user.username(), "http://127.0.0.1:" + port);
        assertThat(sameOrigin.statusCode()).isEqualTo(302);
        assertThat(sameOrigin.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(signedIn()).isTrue();
    }

    @Test
    void signing_in_with_the_token_and_no_origin_works_for_clients_that_send_none() throws Exception {
        UserSummary user = Fixtures.user(accounts, "scripted");
        HttpResponse<String> noOrigin = postLogin(signInPageToken(), user.username(), null);
        assertThat(noOrigin.statusCode()).isEqualTo(302);
        assertThat(noOrigin.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(signedIn()).isTrue();
    }

    @Test
    void a_sign_in_dressed_as_a_vaadin_request_still_needs_the_token() throws Exception {
        UserSummary user = Fixtures.user(accounts, "victim");
        signInPageToken();

        HttpResponse<String> answer = send("POST", "/login?v-r=uidl", form(null, user.username()), null);

        assertThat(signedIn()).isFalse();
        assertRefusedBySpringSecurity(answer);
    }

    @Test
    void a_signed_in_browsers_vaadin_request_from_another_origin_is_refused() throws Exception {
        UserSummary user = Fixtures.user(accounts, "member");
        assertThat(postLogin(signInPageToken(), user.username(), null).statusCode())
                .isEqualTo(302);

        HttpResponse<String> answer =
                send("POST", "/?v-r=uidl&v-uiId=0", "{\"csrfToken\":\"x\",\"rpc\":[]}", "https://evil.example");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("another site");
    }

    @Test
    void webhooks_are_called_by_other_servers_whatever_their_origin() throws Exception {
        String token = api.token(api.register("hooks"));
        String slug = api.createRoom(token, "Origins", false);
        ApiClient.Answer created = api.call("POST", "/api/rooms/" + slug + "/webhooks", token, "{\"name\":\"CI\"}");
        String hook = URI.create(created.body().path("url").asString()).getPath();

        HttpResponse<String> answer = browser.send(
                HttpRequest.newBuilder(URI.create(url(hook)))
                        .header("Content-Type", "application/json")
                        .header("Origin", "https://ci.example")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"build passed\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("ok");
    }

    /**
     * Spring Security's refusal of a missing or wrong CSRF token: its 403 is shown by the error page, which a
     * signed-out browser may not see, so the browser lands on the sign-in page (not {@code ?error}: no password was
     * checked).
     */
    private void assertRefusedBySpringSecurity(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isIn(302, 403);
        if (answer.statusCode() == 302) {
            assertThat(answer.headers().firstValue("Location")).hasValue(url("/login"));
        }
    }

    /** Opens the sign-in page, starting a session, and returns its CSRF token. */
    private String signInPageToken() throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF_META.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in page's CSRF token").isTrue();
        return csrf.group(1);
    }

    private HttpResponse<String> postLogin(@Nullable String csrfToken, String username, @Nullable String origin)
            throws IOException, InterruptedException {
        return send("POST", "/login", form(csrfToken, username), origin);
    }

    private static String form(@Nullable String csrfToken, String username) {
        return (csrfToken == null ? "" : "_csrf=" + encode(csrfToken) + "&") + "username=" + encode(username)
                + "&password=" + encode(Fixtures.PASSWORD);
    }

    private HttpResponse<String> send(String method, String path, String body, @Nullable String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the browser's session is signed in: a signed-out one is sent to the sign-in page. */
    private boolean signedIn() throws IOException, InterruptedException {
        HttpResponse<String> people = browser.send(
                HttpRequest.newBuilder(URI.create(url("/people"))).build(), HttpResponse.BodyHandlers.ofString());
        return people.statusCode() == 200;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
