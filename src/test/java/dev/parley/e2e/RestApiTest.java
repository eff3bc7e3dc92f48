package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The REST API over real HTTP: every endpoint's success and error answers. */
class RestApiTest extends ApiTestSupport {

    @Test
    void register_then_get_a_token_and_list_rooms() throws Exception {
        String name = Fixtures.username("api");
        ApiClient.Answer registered = api.call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + name + "\",\"displayName\":\"Api User\",\"password\":\"" + Fixtures.PASSWORD
                        + "\"}");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("username").asString()).isEqualTo(name);
        assertThat(registered.body().path("displayName").asString()).isEqualTo("Api User");

        ApiClient.Answer again = api.call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + name.toUpperCase() + "\",\"displayName\":\"X\",\"password\":\"" + Fixtures.PASSWORD
                        + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("Username is already taken");

        ApiClient.Answer invalid = api.call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + Fixtures.username("x") + "\",\"displayName\":\"X\",\"password\":\"short\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).contains("Password is too short");

        ApiClient.Answer malformed = api.call("POST", "/api/auth/register", null, "{not json");
        assertThat(malformed.status()).isEqualTo(400);

        String token = api.token(name);
        ApiClient.Answer rooms = api.call("GET", "/api/rooms", token, null);
        assertThat(rooms.status()).isEqualTo(200);
        JsonNode general = find(rooms.body(), "general");
        assertThat(general.path("private").asBoolean()).isFalse();
        assertThat(general.path("member").asBoolean()).isTrue();
        assertThat(general.has("memberCount")).isTrue();
        assertThat(general.has("onlineCount")).isTrue();
        assertThat(general.has("description")).isTrue();
    }

    @Test
    void names_that_would_change_what_others_read_are_refused_with_the_character() throws Exception {
        String ada = api.token(api.register("ada"));
        String slug = api.createRoom(ada, "Names", false);

        ApiClient.Answer signUp = api.call(
                "POST",
                "/api/auth/register",
                null,
                "{\"username\":\"" + Fixtures.username("x") + "\",\"displayName\":\"Ada\\u202Enimda\",\"password\":\""
                        + Fixtures.PASSWORD + "\"}");
        ApiClient.Answer rename = api.call("PUT", "/api/users/me", ada, "{\"displayName\":\"Ad\\u200Ba\"}");
        ApiClient.Answer room = api.call("POST", "/api/rooms", ada, "{\"name\":\"\\u2067Secret\\u2069\"}");
        ApiClient.Answer hook =
                api.call("POST", "/api/rooms/" + slug + "/webhooks", ada, "{\"name\":\"CI\\u202Eevil\"}");

        assertThat(signUp.status()).isEqualTo(400);
        assertThat(signUp.error())
                .isEqualTo("Display name must not contain invisible or direction-changing characters (it has U+202E)");
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.error())
                .isEqualTo("Display name must not contain invisible or direction-changing characters (it has U+200B)");
        assertThat(room.status()).isEqualTo(400);
        assertThat(room.error())
                .isEqualTo("Room name must not contain invisible or direction-changing characters (it has U+2067)");
        assertThat(hook.status()).isEqualTo(400);
        assertThat(hook.error())
                .isEqualTo("Webhook name must not contain invisible or direction-changing characters (it has U+202E)");
    }

    @Test
    void wrong_credentials_get_the_same_answer_whether_or_not_the_user_exists() throws Exception {
        String name = api.register("known");
        ApiClient.Answer wrongPassword = api.call(
                "POST", "/api/auth/token", null, "{\"username\":\"" + name + "\",\"password\":\"not-the-password\"}");
        ApiClient.Answer unknownUser = api.call(
                "POST",
                "/api/auth/token",
                null,
                "{\"username\":\"" + Fixtures.username("ghost") + "\",\"password\":\"not-the-password\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
    }

    @Test
    void calls_without_a_valid_token_get_401() throws Exception {
        ApiClient.Answer none = api.call("GET", "/api/rooms", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("Authorization: Bearer");

        ApiClient.Answer bogus = api.call("GET", "/api/rooms", "parley_not-a-real-token", null);
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(bogus.error()).isEqualTo("Invalid or revoked API token");
    }

    @Test
    void create_join_post_read_and_leave() throws Exception {
        String owner = api.token(api.register("owner"));
        String guest = api.token(api.register("guest"));

        ApiClient.Answer created =
                api.call("POST", "/api/rooms", owner, "{\"name\":\"Ops Channel\",\"description\":\"Pager\"}");
        assertThat(created.status()).isEqualTo(201);
        String slug = created.body().path("slug").asString();
        assertThat(slug).startsWith("ops-channel");
        assertThat(created.body().path("memberCount").asInt()).isEqualTo(1);
        assertThat(created.body().path("private").asBoolean()).isFalse();

        ApiClient.Answer notJoined = api.call("POST", "/api/rooms/" + slug + "/messages", guest, "{\"body\":\"hi\"}");
        assertThat(notJoined.status()).isEqualTo(403);
        assertThat(notJoined.error()).isEqualTo("Join the room to post in it");

        assertThat(api.call("POST", "/api/rooms/" + slug + "/join", guest, null).status())
                .isEqualTo(204);
        for (int i = 1; i <= 5; i++) {
            ApiClient.Answer posted =
                    api.call("POST", "/api/rooms/" + slug + "/messages", guest, "{\"body\":\"msg " + i + "\"}");
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.body().path("seq").asLong()).isEqualTo(i);
            assertThat(posted.headers().firstValue("Server-Timing"))
                    .hasValueSatisfying(timing -> assertThat(timing).matches("app;dur=\\d+\\.\\d{3}"));
            assertThat(posted.body().path("author").path("displayName").asString())
                    .isEqualTo("Guest Tester");
            assertThat(posted.body().path("createdAt").asString()).isNotEmpty();
        }

        ApiClient.Answer after = api.call("GET", "/api/rooms/" + slug + "/messages?after=2&limit=2", owner, null);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().valueStream().map(m -> m.path("seq").asLong())).containsExactly(3L, 4L);
        assertThat(after.headers().firstValue("Server-Timing"))
                .hasValueSatisfying(timing -> assertThat(timing).matches("db;dur=\\d+\\.\\d{3}"));
        ApiClient.Answer before = api.call("GET", "/api/rooms/" + slug + "/messages?before=3", owner, null);
        assertThat(before.body().valueStream().map(m -> m.path("body").asString()))
                .containsExactly("msg 1", "msg 2");
        ApiClient.Answer latest = api.call("GET", "/api/rooms/" + slug + "/messages", owner, null);
        assertThat(latest.body().size()).isEqualTo(5);

        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages?limit=0", owner, null)
                        .status())
                .isEqualTo(400);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages?limit=101", owner, null)
                        .status())
                .isEqualTo(400);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages?after=1&before=3", owner, null)
                        .status())
                .isEqualTo(400);
        ApiClient.Answer empty = api.call("POST", "/api/rooms/" + slug + "/messages", owner, "{\"body\":\"   \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("A message cannot be empty");
        ApiClient.Answer tooLong =
                api.call("POST", "/api/rooms/" + slug + "/messages", owner, "{\"body\":\"" + "x".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.error()).contains("Message is too long");

        assertThat(api.call("POST", "/api/rooms/" + slug + "/leave", guest, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/messages", guest, "{\"body\":\"bye\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void a_new_rooms_slug_tells_nothing_of_a_private_room_of_the_same_name() throws Exception {
        String alice = api.token(api.register("alice"));
        String bob = api.token(api.register("bob"));
        String name = "Secret Ops " + Fixtures.username("s");
        String plain = name.toLowerCase().replace(' ', '-');

        ApiClient.Answer secret = api.call("POST", "/api/rooms", alice, "{\"name\":\"" + name + "\",\"private\":true}");
        ApiClient.Answer open = api.call("POST", "/api/rooms", bob, "{\"name\":\"" + name + "\"}");

        assertThat(secret.status()).isEqualTo(201);
        assertThat(secret.body().path("slug").asString()).matches(plain + "-[a-z2-9]{6}");
        assertThat(open.status()).isEqualTo(201);
        assertThat(open.body().path("slug").asString()).isEqualTo(plain);
    }

    @Test
    void a_private_room_answers_like_a_missing_one_to_non_members() throws Exception {
        String owner = api.token(api.register("owner"));
        String outsider = api.token(api.register("outsider"));
        ApiClient.Answer created = api.call("POST", "/api/rooms", owner, "{\"name\":\"Board\",\"private\":true}");
        assertThat(created.status()).isEqualTo(201);
        String slug = created.body().path("slug").asString();
        api.call("POST", "/api/rooms/" + slug + "/messages", owner, "{\"body\":\"confidential\"}");

        ApiClient.Answer missing = api.call("GET", "/api/rooms/no-such-room-anywhere/messages", outsider, null);
        assertThat(missing.status()).isEqualTo(404);
        for (ApiClient.Answer answer : new ApiClient.Answer[] {
            api.call("GET", "/api/rooms/" + slug + "/messages", outsider, null),
            api.call("POST", "/api/rooms/" + slug + "/messages", outsider, "{\"body\":\"hi\"}"),
            api.call("POST", "/api/rooms/" + slug + "/join", outsider, null),
            api.call("POST", "/api/rooms/" + slug + "/leave", outsider, null)
        }) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(missing.body());
        }
        JsonNode list = api.call("GET", "/api/rooms", outsider, null).body();
        assertThat(list.valueStream().map(r -> r.path("slug").asString())).doesNotContain(slug);
    }

    private static JsonNode find(JsonNode rooms, String slug) {
        return rooms.valueStream()
                .filter(r -> slug.equals(r.path("slug").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No room " + slug + " in " + rooms));
    }
}
