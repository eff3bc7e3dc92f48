package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fuzzing pass over the REST API, made from its own OpenAPI document: for every operation, requests whose path
 * parameters, query parameters and JSON bodies are malformed one at a time (wrong types, nulls, huge and empty values,
 * control characters, numbers out of range, JSON that is not JSON), with a member's token and without one. No answer
 * may be a server error or a redirect, and every answer with a body must be JSON (a file download that succeeds
 * excepted; incoming webhooks answer as Slack does, a word in plain text). Bounded: at most {@value #MAX_REQUESTS}
 * requests and {@link #MAX_TIME}.
 */
class ApiFuzzTest extends ApiTestSupport {

    private static final int MAX_REQUESTS = 4_000;
    private static final Duration MAX_TIME = Duration.ofMinutes(2);

    /** Values that no path or query parameter expects. */
    private static final List<String> ODD_VALUES = List.of(
            "0",
            "-1",
            "9223372036854775808",
            "1e309",
            "abc",
            "null",
            "%00",
            "%C0%AF",
            "%F0%9F%98%80",
            "%20",
            "%27%22%3C%3E",
            "x".repeat(300),
            "+999999999-12-31",
            "-999999999-01-01");

    /** Values a JSON property is set to, one at a time, whatever its type. */
    private static final List<String> ODD_JSON = List.of(
            "null",
            "0",
            "-1",
            "9223372036854775808",
            "1e309",
            "true",
            "\"\"",
            "\"" + "x".repeat(20_000) + "\"",
            "\"\\u0000\\u202e\"",
            "\"" + "é".repeat(40) + "\"",
            "[]",
            "[null]",
            "{}",
            "\"+999999999-12-31T00:00:00Z\"");

    /** Bodies that are not what any operation takes. */
    private static final List<String> ODD_BODIES = List.of(
            "", "{", "null", "[]", "{}", "\"text\"", "123", "[".repeat(2_000), "{\"a\":" + "[".repeat(500) + "]");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void no_malformed_request_gets_a_server_error_or_an_answer_that_is_not_json() throws Exception {
        String alice = api.register("alice");
        String token = api.token(alice);
        String slug = api.createRoom(token, "Fuzz " + alice, false);
        JsonNode message = api.post(token, slug, "fuzz target");
        Map<String, String> valid = Map.of(
                "slug",
                slug,
                "username",
                alice,
                "id",
                message.path("id").asString(),
                "emoji",
                "%F0%9F%91%8D",
                "token",
                "no-such-token");

        JsonNode document =
                json.readTree(send("GET", "/api/openapi.json", null, null).body());
        List<Request> requests = new ArrayList<>();
        for (OpenApiOperations.Operation operation : OpenApiOperations.of(document, json)) {
            requests.addAll(requestsFor(operation, valid));
        }

        Map<String, String> failures = new LinkedHashMap<>();
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        int sent = 0;
        for (Request request : requests) {
            if (sent == MAX_REQUESTS || System.nanoTime() > deadline) {
                break;
            }
            for (String auth : sent % 7 == 0 ? new String[] {token, null} : new String[] {token}) {
                HttpResponse<String> answer = send(request.method(), request.path(), auth, request.body());
                sent++;
                String problem = problem(answer);
                if (problem != null) {
                    failures.putIfAbsent(
                            request.operation() + " " + answer.statusCode(),
                            request.method() + " " + abbreviate(request.path()) + " "
                                    + abbreviate(String.valueOf(request.body())) + " -> " + problem);
                }
            }
        }
        System.out.printf(
                "API fuzzing: %d requests made from %d operations, %d sent; %d kinds of failure%n",
                requests.size(),
                requests.stream().map(Request::operation).distinct().count(),
                sent,
                failures.size());
        assertThat(sent).isGreaterThan(1_000);
        assertThat(failures)
                .as("operations answering a server error or not JSON")
                .isEmpty();
    }

    /** What is wrong with an answer, or null. */
    private @Nullable String problem(HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body();
        if (status >= 500) {
            return status + " " + abbreviate(body);
        }
        if (status >= 300 && status < 400) {
            // An unhandled exception reaches the servlet's error page, which sends the browser to sign in.
            return status + " to " + answer.headers().firstValue("Location").orElse("nowhere");
        }
        if (answer.uri().getPath().startsWith("/hooks/")) {
            // Slack's answers, which Slack's clients expect: a word in plain text ("no_service", "invalid_payload").
            return body.contains("<") ? status + " not Slack's answer: " + abbreviate(body) : null;
        }
        boolean download = status < 300
                && !answer.headers().firstValue("Content-Type").orElse("").contains("json");
        if (body.isEmpty() || download) {
            return null;
        }
        try {
            json.readTree(body);
            return null;
        } catch (JacksonException e) {
            return status + " not JSON: " + abbreviate(body);
        }
    }

    private List<Request> requestsFor(OpenApiOperations.Operation operation, Map<String, String> valid) {
        String method = operation.method();
        String validBody = operation.body() == null ? null : operation.body().toString();
        String validPath = operation.path(param -> segment(valid.getOrDefault(param, "1")));

        List<Request> requests = new ArrayList<>();
        requests.add(new Request(operation.name(), method, validPath, validBody));
        for (String odd : operation.pathParams()) {
            for (String value : ODD_VALUES) {
                String path = operation.path(
                        param -> param.equals(odd) ? segment(value) : segment(valid.getOrDefault(param, "1")));
                requests.add(new Request(operation.name(), method, path, validBody));
            }
        }
        for (String param : operation.queryParams()) {
            for (String value : ODD_VALUES) {
                requests.add(new Request(
                        operation.name(), method, validPath + "?" + param + "=" + segment(value), validBody));
            }
        }
        if (operation.body() != null) {
            for (String odd : ODD_BODIES) {
                requests.add(new Request(operation.name(), method, validPath, odd));
            }
            if (operation.body() instanceof ObjectNode object) {
                for (String property : object.propertyNames()) {
                    for (String odd : ODD_JSON) {
                        ObjectNode changed = object.deepCopy();
                        changed.set(property, json.readTree(odd));
                        requests.add(new Request(operation.name(), method, validPath, changed.toString()));
                    }
                }
            }
        }
        return requests;
    }

    /** A value as a path segment or query value: percent-encoded unless it is written encoded already. */
    private static String segment(String value) {
        return value.contains("%")
                ? value
                : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 160 ? line : line.substring(0, 160) + "…";
    }

    private record Request(
            String operation,
            String method,
            String path,
            @Nullable String body) {}
}
