package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Editing, deleting and catching up on changes through the REST API, over real HTTP. */
@E2eTest
class MessageEditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body, HttpHeaders headers) {

        String error() {
            return body.path("error").asString();
        }
    }

    @Test
    void author_edits_and_history_returns_the_latest_version() throws Exception {
        String alice = token(register("alice"));
        String slug = createRoom(alice, "Edit API", false);
        JsonNode posted = post(alice, slug, "teh plan");
        assertThat(posted.path("version").asLong()).isPositive();
        assertThat(posted.path("editedAt").isNull()).isTrue();
        assertThat(posted.path("deleted").asBoolean()).isFalse();

        Answer edited = call("PUT", "/api/messages/" + id(posted), alice, "{\"body\":\"the plan\"}");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("id").asLong()).isEqualTo(id(posted));
        assertThat(edited.body().path("seq").asLong())
                .isEqualTo(posted.path("seq").asLong());
        assertThat(edited.body().path("body").asString()).isEqualTo("the plan");
        assertThat(edited.body().path("editedAt").asString()).isNotEmpty();
        assertThat(edited.body().path("version").asLong())
                .isGreaterThan(posted.path("version").asLong());
        JsonNode history =
                call("GET", "/api/rooms/" + slug + "/messages", alice, null).body();
        assertThat(history.get(0)).isEqualTo(edited.body());
    }

    @Test
    void edits_are_checked_like_posts_and_refused_with_the_fitting_status() throws Exception {
        String alice = token(register("alice"));
        String bob = token(register("bob"));
        String slug = createRoom(alice, "Checks", false);
        assertThat(call("POST", "/api/rooms/" + slug + "/join", bob, null).status())
                .isEqualTo(204);
        long id = id(post(alice, slug, "original"));

        Answer empty = call("PUT", "/api/messages/" + id, alice, "{\"body\":\"  \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("A message cannot be empty");
        Answer tooLong = call("PUT", "/api/messages/" + id, alice, "{\"body\":\"" + "x".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(413);
        Answer notAuthor = call("PUT", "/api/messages/" + id, bob, "{\"body\":\"mine now\"}");
        assertThat(notAuthor.status()).isEqualTo(403);
        assertThat(notAuthor.error()).isEqualTo("You can only edit your own messages");
        Answer badId = call("PUT", "/api/messages/not-a-number", alice, "{\"body\":\"x\"}");
        assertThat(badId.status()).isEqualTo(400);

        assertThat(call("DELETE", "/api/messages/" + id, alice, null).status()).isEqualTo(204);
        Answer afterDelete = call("PUT", "/api/messages/" + id, alice, "{\"body\":\"back\"}");
        assertThat(afterDelete.status()).isEqualTo(409);
        assertThat(afterDelete.error()).isEqualTo("This message was deleted and can no longer be edited");
    }

    @Test
    void authors_and_admins_delete_members_do_not_and_the_text_is_gone() throws Exception {
        String admin = token(register("admin"));
        String bob = token(register("bob"));
        String carol = token(register("carol"));
        String slug = createRoom(admin, "Deletes", false);
        call("POST", "/api/rooms/" + slug + "/join", bob, null);
        call("POST", "/api/rooms/" + slug + "/join", carol, null);
        long bobs = id(post(bob, slug, "bob's secret"));
        long bobsOther = id(post(bob, slug, "bob's spam"));

        Answer byMember = call("DELETE", "/api/messages/" + bobs, carol, null);
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.error()).isEqualTo("You can only delete your own messages");

        Answer byAuthor = call("DELETE", "/api/messages/" + bobs, bob, null);
        assertThat(byAuthor.status()).isEqualTo(204);
        assertThat(byAuthor.body().isNull()).isTrue();
        assertThat(call("DELETE", "/api/messages/" + bobs, bob, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/api/messages/" + bobsOther, admin, null).status())
                .isEqualTo(204);

        JsonNode history =
                call("GET", "/api/rooms/" + slug + "/messages", carol, null).body();
        assertThat(history.size()).isEqualTo(2);
        for (JsonNode message : history) {
            assertThat(message.path("deleted").asBoolean()).isTrue();
            assertThat(message.path("body").asString()).isEmpty();
        }
        assertThat(history.toString()).doesNotContain("secret", "spam");
    }

    @Test
    void a_message_in_a_private_room_answers_like_a_missing_one_to_non_members() throws Exception {
        String owner = token(register("owner"));
        String outsider = token(register("outsider"));
        String slug = createRoom(owner, "Board", true);
        long id = id(post(owner, slug, "confidential"));

        Answer missing = call("PUT", "/api/messages/" + Long.MAX_VALUE, outsider, "{\"body\":\"x\"}");
        assertThat(missing.status()).isEqualTo(404);
        for (Answer answer : new Answer[] {
            call("PUT", "/api/messages/" + id, outsider, "{\"body\":\"x\"}"),
            call("DELETE", "/api/messages/" + id, outsider, null),
            call("DELETE", "/api/messages/" + Long.MAX_VALUE, outsider, null),
        }) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(missing.body());
        }
        Answer catchUp = call("GET", "/api/rooms/" + slug + "/messages?changedSince=0", outsider, null);
        assertThat(catchUp.status()).isEqualTo(404);
        assertThat(call("GET", "/api/rooms/" + slug + "/messages", owner, null)
                        .body()
                        .get(0)
                        .path("body")
                        .asString())
                .isEqualTo("confidential");
    }

    @Test
    void clients_catch_up_on_new_edited_and_deleted_messages_by_version() throws Exception {
        String alice = token(register("alice"));
        String slug = createRoom(alice, "Catch-up", false);
        JsonNode one = post(alice, slug, "one");
        JsonNode two = post(alice, slug, "two");
        JsonNode three = post(alice, slug, "three");
        long seen = three.path("version").asLong();

        call("PUT", "/api/messages/" + id(one), alice, "{\"body\":\"one, edited\"}");
        call("DELETE", "/api/messages/" + id(two), alice, null);
        post(alice, slug, "four");

        Answer changes = call("GET", "/api/rooms/" + slug + "/messages?changedSince=" + seen, alice, null);
        assertThat(changes.status()).isEqualTo(200);
        assertThat(changes.headers().firstValue("Server-Timing")).isPresent();
        JsonNode list = changes.body();
        assertThat(list.valueStream().map(m -> m.path("body").asString())).containsExactly("one, edited", "", "four");
        assertThat(list.valueStream().map(m -> m.path("deleted").asBoolean())).containsExactly(false, true, false);
        assertThat(list.valueStream().map(m -> m.path("version").asLong()).toList())
                .isSorted()
                .doesNotHaveDuplicates()
                .allMatch(v -> v > seen);
        long latest = list.get(2).path("version").asLong();

        Answer paged = call("GET", "/api/rooms/" + slug + "/messages?changedSince=" + seen + "&limit=1", alice, null);
        assertThat(paged.body().size()).isEqualTo(1);
        assertThat(paged.body().get(0).path("body").asString()).isEqualTo("one, edited");
        assertThat(call("GET", "/api/rooms/" + slug + "/messages?changedSince=" + latest, alice, null)
                        .body()
                        .size())
                .isZero();
        assertThat(call("GET", "/api/rooms/" + slug + "/messages?changedSince=1&after=1", alice, null)
                        .status())
                .isEqualTo(400);
    }

    private String createRoom(String token, String name, boolean isPrivate) throws Exception {
        Answer created = call(
                "POST",
                "/api/rooms",
                token,
                "{\"name\":\"" + name + " " + Fixtures.username("r") + "\",\"private\":" + isPrivate + "}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("slug").asString();
    }

    private JsonNode post(String token, String slug, String body) throws Exception {
        Answer posted = call("POST", "/api/rooms/" + slug + "/messages", token, "{\"body\":\"" + body + "\"}");
        assertThat(posted.status()).isEqualTo(201);
        return posted.body();
    }

    private static long id(JsonNode message) {
        return message.path("id").asLong();
    }

    private String register(String word) throws Exception {
        String name = Fixtures.username(word);
        Answer answer = call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + name + "\",\"displayName\":\"" + word + "\",\"password\":\"" + Fixtures.PASSWORD
                        + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        return name;
    }

    private String token(String username) throws Exception {
        Answer answer = call(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + Fixtures.PASSWORD + "\",\"name\":\"test\"}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.body().path("token").asString();
    }

    private Answer call(String method, String path, @Nullable String token, @Nullable String body)
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
}
