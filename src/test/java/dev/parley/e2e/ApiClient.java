package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Parley's REST API as the API tests call it (and the fault tests, against a server of their own): JSON in; status,
 * parsed body and headers out.
 */
public final class ApiClient {

    public record Answer(int status, JsonNode body, HttpHeaders headers) {

        public String error() {
            return body.path("error").asString();
        }
    }

    /** A file to send in a multipart request. */
    record Upload(String name, String mediaType, byte[] content) {}

    /** A raw answer: for downloads. */
    record Download(int status, byte[] body, HttpHeaders headers) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final ObjectMapper json;

    public ApiClient(int port, ObjectMapper json) {
        this.port = port;
        this.json = json;
    }

    public Answer call(String method, String path, @Nullable String token, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), parsed, response.headers());
    }

    /**
     * Posts {@code multipart/form-data} to {@code path}: a {@code body} field unless null, and each upload as a
     * {@code files} part.
     */
    Answer multipart(String path, @Nullable String token, @Nullable String body, List<Upload> uploads)
            throws IOException, InterruptedException {
        String boundary = "parley-test-" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        if (body != null) {
            form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n"
                            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (Upload upload : uploads) {
            form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + upload.name() + "\"\r\nContent-Type: " + upload.mediaType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            form.writeBytes(upload.content());
            form.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        form.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), parsed, response.headers());
    }

    /** A raw text answer: for endpoints that do not answer JSON ({@code /hooks}). */
    record Text(int status, String body, HttpHeaders headers) {}

    /** Sends {@code body} with the given content type and no token, and returns the answer as text. */
    Text send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Text(response.statusCode(), response.body(), response.headers());
    }

    /** GETs {@code path} as bytes, with the token if any and extra headers as name, value pairs. */
    Download download(String path, @Nullable String token, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.body(), response.headers());
    }

    /** Registers a new user named after {@code word} ("Word Tester") and returns the username. */
    public String register(String word) throws IOException, InterruptedException {
        String name = Fixtures.username(word);
        String display = Character.toUpperCase(word.charAt(0)) + word.substring(1) + " Tester";
        Answer answer = call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + name + "\",\"displayName\":\"" + display + "\",\"password\":\"" + Fixtures.PASSWORD
                        + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        return name;
    }

    /** A new API token of the user. */
    public String token(String username) throws IOException, InterruptedException {
        Answer answer = call(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + Fixtures.PASSWORD + "\",\"name\":\"test\"}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.body().path("token").asString();
    }

    /** Creates a room (a unique name from {@code name}) and returns its slug; fails the test unless 201. */
    String createRoom(String token, String name, boolean isPrivate) throws IOException, InterruptedException {
        Answer created = call(
                "POST",
                "/api/rooms",
                token,
                "{\"name\":\"" + name + " " + Fixtures.username("r") + "\",\"private\":" + isPrivate + "}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("slug").asString();
    }

    /** Joins a public room; fails the test unless 204. */
    void join(String token, String slug) throws IOException, InterruptedException {
        assertThat(call("POST", "/api/rooms/" + slug + "/join", token, null).status())
                .isEqualTo(204);
    }

    /** Posts a message (no quotes or backslashes in {@code body}) and returns it; fails the test unless 201. */
    public JsonNode post(String token, String slug, String body) throws IOException, InterruptedException {
        Answer posted = call("POST", "/api/rooms/" + slug + "/messages", token, "{\"body\":\"" + body + "\"}");
        assertThat(posted.status()).isEqualTo(201);
        return posted.body();
    }

    static long id(JsonNode message) {
        return message.path("id").asLong();
    }
}
