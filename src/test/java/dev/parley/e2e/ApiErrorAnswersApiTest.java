package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * What the REST API and the webhooks answer to requests that once raised an exception nobody handled, and to failures
 * that are Parley's own: always {@code {"error": "…"}} as JSON with a status that says whose fault it is, never the
 * sign-in redirect that the servlet error page sits behind, nor the server's HTML error page.
 */
@Import(ApiErrorAnswersApiTest.Broken.class)
class ApiErrorAnswersApiTest extends ApiTestSupport {

    /** A bcrypt hash takes at most 72 bytes of a password: 40 "é" are 40 characters but 80 bytes. */
    private static final String EIGHTY_BYTES = "é".repeat(40);

    private final HttpClient http = HttpClient.newHttpClient();

    /** Parley's own bugs, stood in for by a controller and a filter that fail. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Broken {

        /** Registered as a member of this configuration. */
        @RestController
        static class BrokenController {

            @GetMapping("/api/test-broken")
            String broken() {
                throw new IllegalStateException("a bug in a controller");
            }
        }

        @Bean
        FilterRegistrationBean<Filter> brokenFilter() {
            Filter filter = (request, response, chain) -> {
                throw new IllegalStateException("a bug in a filter");
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.addUrlPatterns("/api/test-broken-filter", "/hooks/test-broken-filter");
            return registration;
        }
    }

    @Test
    void a_password_over_72_bytes_is_refused_at_sign_up_and_is_a_wrong_password_at_sign_in() throws Exception {
        String name = api.register("long");

        ApiClient.Answer signUp = api.call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + name + "x\",\"displayName\":\"Long\",\"password\":\"" + EIGHTY_BYTES + "\"}");
        ApiClient.Answer signIn = api.call(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + name + "\",\"password\":\"" + EIGHTY_BYTES + "\"}");

        assertThat(signUp.status()).isEqualTo(400);
        assertThat(signUp.error())
                .isEqualTo("Password is too long: use at most 72 bytes (a letter like é takes 2, an emoji 4)");
        assertThat(signIn.status()).isEqualTo(401);
        assertThat(signIn.error()).isEqualTo("Incorrect username or password");
    }

    @Test
    void a_null_username_in_a_direct_conversation_is_refused() throws Exception {
        String ada = api.token(api.register("ada"));

        ApiClient.Answer answer = api.call("POST", "/api/direct", ada, "{\"usernames\":[null]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("usernames must not contain null or empty names");
    }

    @Test
    void search_dates_out_of_range_are_refused() throws Exception {
        String ada = api.token(api.register("ada"));

        ApiClient.Answer after = api.call("GET", "/api/search?q=" + encode("after:+999999999-12-31"), ada, null);
        ApiClient.Answer before = api.call("GET", "/api/search?q=" + encode("before:-999999999-01-01"), ada, null);

        assertThat(after.status()).isEqualTo(400);
        assertThat(after.error())
                .isEqualTo("after: takes a date between 0001-01-01 and 9999-12-31, not \"+999999999-12-31\"");
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.error())
                .isEqualTo("before: takes a date between 0001-01-01 and 9999-12-31, not \"-999999999-01-01\"");
    }

    @Test
    void an_error_is_json_whatever_the_client_accepts() throws Exception {
        String ada = api.token(api.register("ada"));

        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(uri("/api/rooms/no-such-room"))
                        .header("Authorization", "Bearer " + ada)
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertJsonError(answer, 404, "No such room");
    }

    @Test
    void a_nul_byte_in_a_file_name_is_a_bad_request() throws Exception {
        String ada = api.token(api.register("ada"));
        String slug = api.createRoom(ada, "Nul names", false);
        String boundary = "parley-nul";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\u0000b.txt\"\r\n"
                                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(uri("/api/rooms/" + slug + "/messages"))
                        .header("Authorization", "Bearer " + ada)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json.readTree(answer.body()).path("error").asString()).startsWith("The request is not valid:");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", ada, null)
                        .body()
                        .size())
                .isZero();
    }

    @Test
    void requests_that_reach_no_handler_get_json_with_their_status() throws Exception {
        String ada = api.token(api.register("ada"));

        assertJsonError(send("GET", "/api/no-such-endpoint", ada), 404, "No such endpoint: GET /api/no-such-endpoint");
        assertJsonError(send("PATCH", "/api/direct", ada), 405, "Method PATCH is not supported here");
        assertJsonError(
                send("GET", "/api/rooms", null), 401, "Authentication required: send Authorization: Bearer <token>");
    }

    @Test
    void springs_own_refusals_are_json_with_their_status() throws Exception {
        String ada = api.token(api.register("ada"));

        HttpResponse<String> plain = http.send(
                HttpRequest.newBuilder(uri("/api/rooms"))
                        .header("Authorization", "Bearer " + ada)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("Plain room"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> html = http.send(
                HttpRequest.newBuilder(uri("/api/rooms"))
                        .header("Authorization", "Bearer " + ada)
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertJsonError(plain, 415, "Content-Type 'text/plain;charset=UTF-8' is not supported.");
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json.readTree(html.body()).path("error").asString())
                .startsWith("Acceptable representations: [application/json");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void a_bug_is_a_logged_500_in_json_and_never_a_redirect(CapturedOutput output) throws Exception {
        String ada = api.token(api.register("ada"));

        assertJsonError(send("GET", "/api/test-broken", ada), 500, "Internal error: the request failed on the server");
        assertJsonError(
                send("GET", "/api/test-broken-filter", ada), 500, "Internal error: the request failed on the server");
        assertJsonError(
                send("POST", "/hooks/test-broken-filter", null),
                500,
                "Internal error: the request failed on the server");
        assertThat(output.getOut())
                .contains("GET /api/test-broken failed", "java.lang.IllegalStateException: a bug in a controller")
                .contains("GET /api/test-broken-filter failed", "java.lang.IllegalStateException: a bug in a filter")
                .contains("POST /hooks/test-broken-filter failed");
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertJsonError(HttpResponse<String> answer, int status, String error) {
        assertThat(answer.statusCode())
                .as(answer.uri() + " answered " + answer.body())
                .isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("error").asString()).isEqualTo(error);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
