package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.RateLimitedException;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.webhooks.WebhookService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The posting limit and the API's request limit over real HTTP: 429 with {@code Retry-After}, and one posting allowance
 * shared by the API and the UI's path (the service). The posting limit is 10 messages as by default, refilled over an
 * hour instead of 10 s so that a slow machine cannot earn a message back in the middle of the test;
 * {@code MessageRateLimiterTest} times the default. The request limit is 20 per token (5 without a token) an hour, so
 * that each test here stays within it but for the one that goes past it; {@code ApiRateLimiterTest} times the default.
 */
@E2eTest
@TestPropertySource(
        properties = {
            "parley.messages.rate-limit.capacity=10",
            "parley.messages.rate-limit.period=1h",
            "parley.api.rate-limit.capacity=20",
            "parley.api.rate-limit.anonymous-capacity=5",
            "parley.api.rate-limit.period=1h"
        })
class RateLimitApiTest {

    /** One request back every 3 minutes. */
    private static final long SECONDS_PER_REQUEST = 3600 / 20;

    /** One message back every 6 minutes. */
    private static final long SECONDS_PER_MESSAGE = 3600 / 10;

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    WebhookService webhooks;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void posting_past_the_limit_answers_429_with_retry_after_and_stores_nothing() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        String token = tokens.create(ada.id(), "script").token();
        RoomSummary room = rooms.create(ada.id(), "Flood " + ada.username(), null, false);
        String path = "/api/rooms/" + room.slug() + "/messages";

        for (int i = 1; i <= 10; i++) {
            assertThat(post(path, token, "message " + i).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = post(path, token, "one too many");

        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(SECONDS_PER_MESSAGE - 60, SECONDS_PER_MESSAGE);
        assertThat(json.readTree(refused.body()).path("error").asString())
                .isEqualTo("You can send again in " + retryAfter + " s");
        JsonNode history = json.readTree(call("GET", path, token, null).body());
        assertThat(history.valueStream().map(m -> m.path("body").asString()))
                .hasSize(10)
                .doesNotContain("one too many");

        // Someone else's allowance is their own.
        UserSummary bob = Fixtures.user(accounts, "bob");
        members.join(bob.id(), room.slug());
        assertThat(post(path, tokens.create(bob.id(), "script").token(), "I can still talk")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void the_ui_and_the_api_share_one_allowance() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        String token = tokens.create(ada.id(), "script").token();
        RoomSummary room = rooms.create(ada.id(), "Mixed " + ada.username(), null, false);
        String path = "/api/rooms/" + room.slug() + "/messages";

        // The composer posts through the service, as here.
        for (int i = 1; i <= 6; i++) {
            messages.post(ada.id(), room.id(), "typed " + i);
        }
        for (int i = 1; i <= 4; i++) {
            assertThat(post(path, token, "scripted " + i).statusCode()).isEqualTo(201);
        }

        assertThat(post(path, token, "scripted 5").statusCode()).isEqualTo(429);
        assertThatThrownBy(() -> messages.post(ada.id(), room.id(), "typed 7"))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageStartingWith("You can send again in ");
        assertThat(messages.latest(ada.id(), room.id(), 50)).hasSize(10);
    }

    @Test
    void every_answer_tells_the_tokens_remaining_requests_and_past_the_limit_comes_429() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        String token = tokens.create(ada.id(), "script").token();

        for (int i = 1; i <= 20; i++) {
            HttpResponse<String> answer = call("GET", "/api/rooms", token, null);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-RateLimit-Limit")).hasValue("20");
            assertThat(answer.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(20 - i));
        }
        HttpResponse<String> refused = call("GET", "/api/rooms", token, null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(SECONDS_PER_REQUEST - 60, SECONDS_PER_REQUEST);
        assertThat(json.readTree(refused.body()).path("error").asString())
                .isEqualTo("Too many requests: try again in " + retryAfter + " s");
        // Writes are refused as well, before they do anything.
        assertThat(post("/api/rooms/general/messages", token, "not counted").statusCode())
                .isEqualTo(429);

        // The limit is per token: the same user's other token has its own.
        HttpResponse<String> other =
                call("GET", "/api/rooms", tokens.create(ada.id(), "other").token(), null);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("X-RateLimit-Remaining")).hasValue("19");
    }

    @Test
    void requests_without_a_token_are_limited_per_address_which_stops_password_guessing() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        String guess = "{\"username\":\"" + ada.username() + "\",\"password\":\"guess-number-n\"}";

        HttpResponse<String> first = call("POST", "/api/auth/token", null, guess);
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
        // Only this test calls without a token here, so the allowance is whole but for the call above.
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        for (int i = 0; i < 4; i++) {
            assertThat(call("POST", "/api/auth/token", null, guess).statusCode())
                    .isEqualTo(401);
        }

        HttpResponse<String> refused = call(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + ada.username() + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(tokens.list(ada.id())).isEmpty();
    }

    @Test
    void a_webhook_has_its_own_allowance_and_past_it_answers_429_with_retry_after() throws Exception {
        UserSummary ada = Fixtures.user(accounts, "ada");
        String token = tokens.create(ada.id(), "script").token();
        RoomSummary room = rooms.create(ada.id(), "Hooked flood " + ada.username(), null, false);
        String hook = "/hooks/" + webhooks.create(ada.id(), room.slug(), "CI").token();

        for (int i = 1; i <= 10; i++) {
            assertThat(hook(hook, "build " + i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = hook(hook, "build 11");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(SECONDS_PER_MESSAGE - 60, SECONDS_PER_MESSAGE);
        // Ada, who set it up, still has her own allowance.
        assertThat(post("/api/rooms/" + room.slug() + "/messages", token, "I can still talk")
                        .statusCode())
                .isEqualTo(201);
        assertThat(messages.latest(ada.id(), room.id(), 50)).hasSize(11);
    }

    private HttpResponse<String> hook(String path, String text) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("text", text))))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return call("POST", path, token, json.writeValueAsString(new Body(body)));
    }

    record Body(String body) {}

    private HttpResponse<String> call(String method, String path, @Nullable String token, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
