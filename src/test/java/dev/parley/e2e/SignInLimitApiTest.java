package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.UserSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Sign-up and sign-in over HTTP: limited per remote address whatever token is sent along. Limits as
 * {@link SignInLimits} sets them: 12 requests without a token per address an hour. Each test comes from addresses of
 * its own ({@code X-Forwarded-For}).
 */
@SignInLimits
class SignInLimitApiTest extends ApiTestSupport {

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

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
}
