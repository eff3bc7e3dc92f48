package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
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
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Password guessing over HTTP, on every way in that takes a password: {@code POST /api/auth/token} and the sign-in form
 * ({@code POST /login}). Limits as {@link SignInLimits} sets them: an account is locked after 3 failures, an address
 * after 6, each for an hour; 12 requests without a token per address an hour. Each test comes from addresses of its own
 * ({@code X-Forwarded-For}).
 */
@SignInLimits
class SignInLimitApiTest extends ApiTestSupport {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    InstanceAdministration administration;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    private final HttpClient http = HttpClient.newHttpClient();

    /** An answer of the API: status, parsed body, and the headers that matter here. */
    record Answer(
            int status,
            JsonNode body,
            @Nullable String retryAfter,
            @Nullable String limit) {

        String error() {
            return body.path("error").asString();
        }
    }

    @Test
    void wrong_passwords_lock_the_account_and_then_the_right_one_gets_429_with_when_to_retry_and_no_token()
            throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        for (int i = 0; i < 3; i++) {
            Answer wrong = token("10.1.0.1", null, ada.username(), "guess-number-" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("Incorrect username or password");
        }

        Answer refused = token("10.1.0.1", null, ada.username(), Fixtures.PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isNotNull();
        assertThat(Long.parseLong(refused.retryAfter())).isBetween(3500L, 3600L);
        assertThat(refused.error()).isEqualTo("Too many failed sign-ins. Try again in 60 min.");
        // The lock is the account's: another address gets no further with it.
        assertThat(token("10.1.0.2", null, ada.username(), Fixtures.PASSWORD).status())
                .isEqualTo(429);
        assertThat(tokens.list(ada.id())).isEmpty();
    }

    @Test
    void an_address_guessing_across_accounts_is_locked_while_the_accounts_still_sign_in_from_elsewhere()
            throws Exception {
        UserSummary[] people = new UserSummary[7];
        for (int i = 0; i < people.length; i++) {
            people[i] = Fixtures.user(accounts, "person" + i);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(token("10.2.0.1", null, people[i].username(), "password1")
                            .status())
                    .isEqualTo(401);
        }

        Answer refused = token("10.2.0.1", null, people[6].username(), Fixtures.PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error()).isEqualTo("Too many failed sign-ins. Try again in 60 min.");
        assertThat(token("10.2.0.2", null, people[0].username(), Fixtures.PASSWORD)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void a_successful_sign_in_forgets_the_accounts_failures() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 2; i++) {
                assertThat(token("10.3.0.1", null, ada.username(), "wrong").status())
                        .isEqualTo(401);
            }
            assertThat(token("10.3.0.2", null, ada.username(), Fixtures.PASSWORD)
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void sign_in_and_sign_up_count_for_the_address_whatever_token_is_sent_along() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        String token = tokens.create(ada.id(), "script").token();

        for (int i = 0; i < 12; i++) {
            Answer issued = token("10.4.0.1", token, ada.username(), Fixtures.PASSWORD);
            assertThat(issued.status()).isEqualTo(201);
            assertThat(issued.limit()).isEqualTo("12");
        }
        Answer refused = token("10.4.0.1", token, ada.username(), Fixtures.PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error()).startsWith("Too many requests: try again in ");

        for (int i = 0; i < 12; i++) {
            assertThat(register("10.4.0.2", token, Fixtures.username("mint")).status())
                    .isEqualTo(201);
        }
        String one = Fixtures.username("mint");
        assertThat(register("10.4.0.2", token, one).status()).isEqualTo(429);
        assertThat(accounts.findByUsername(one)).isEmpty();
        // A token that is not valid is not even read: the answer is the address's, not a 401.
        assertThat(register("10.4.0.2", "parley_not-a-token", Fixtures.username("mint"))
                        .status())
                .isEqualTo(429);
    }

    @Test
    void a_disabled_account_with_its_right_password_gets_the_answer_of_a_wrong_password() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        UserSummary target = Fixtures.user(accounts, "target");
        administration.disable(admin.id(), target.username());

        Answer rightPassword = token("10.5.0.1", null, target.username(), Fixtures.PASSWORD);
        Answer wrongPassword = token("10.5.0.1", null, target.username(), "wrong-password");
        Answer unknown = token("10.5.0.1", null, "nobody-" + target.username(), "wrong-password");

        assertThat(rightPassword.status()).isEqualTo(401);
        assertThat(rightPassword.body()).isEqualTo(wrongPassword.body()).isEqualTo(unknown.body());
        assertThat(tokens.list(target.id())).isEmpty();
    }

    @Test
    void the_sign_in_form_is_throttled_too() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        for (int i = 0; i < 3; i++) {
            assertThat(signInForm("10.6.0.1", ada.username(), "guess-number-" + i))
                    .endsWith("/login?error");
        }

        assertThat(signInForm("10.6.0.1", ada.username(), Fixtures.PASSWORD)).endsWith("/login?error");
        assertThat(signInForm("10.6.0.2", ada.username(), Fixtures.PASSWORD)).endsWith("/login?error");
        // The API and the form share the throttle: the account is locked for both.
        assertThat(token("10.6.0.3", null, ada.username(), Fixtures.PASSWORD).status())
                .isEqualTo(429);
    }

    @Test
    void on_the_sign_in_form_a_disabled_account_with_its_right_password_fares_as_a_wrong_password() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        UserSummary target = Fixtures.user(accounts, "target");
        UserSummary other = Fixtures.user(accounts, "other");
        administration.disable(admin.id(), target.username());

        assertThat(signInForm("10.7.0.1", target.username(), Fixtures.PASSWORD))
                .isEqualTo(signInForm("10.7.0.1", target.username(), "wrong-password"))
                .endsWith("/login?error");
        // A right password elsewhere signs in: what the form answers there is not the error page.
        assertThat(signInForm("10.7.0.1", other.username(), Fixtures.PASSWORD)).doesNotContain("error");
    }

    /** {@code POST /api/auth/token} from the address, with a bearer token along if not null. */
    private Answer token(String address, @Nullable String bearer, String username, String password)
            throws IOException, InterruptedException {
        return send(
                address,
                bearer,
                "/api/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"name\":\"test\"}");
    }

    /** {@code POST /api/auth/register} from the address, with a bearer token along if not null. */
    private Answer register(String address, @Nullable String bearer, String username)
            throws IOException, InterruptedException {
        return send(
                address,
                bearer,
                "/api/auth/register",
                "{\"username\":\"" + username + "\",\"displayName\":\"Mint\",\"password\":\"" + Fixtures.PASSWORD
                        + "\"}");
    }

    private Answer send(String address, @Nullable String bearer, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("X-RateLimit-Limit").orElse(null));
    }

    /**
     * Signs in through the form as a browser at the address would, in a session of its own (the sign-in page's CSRF
     * token, then the POST), and returns where Spring Security sends the browser next.
     */
    private String signInForm(String address, String username, String password)
            throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("X-Forwarded-For", address)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF_META.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in page's CSRF token").isTrue();
        String form =
                "_csrf=" + encode(csrf.group(1)) + "&username=" + encode(username) + "&password=" + encode(password);
        HttpResponse<String> answer = browser.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("X-Forwarded-For", address)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
