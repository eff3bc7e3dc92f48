package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reacting to messages through the REST API, over real HTTP. */
class MessageReactionApiTest extends ApiTestSupport {

    @Test
    void members_react_and_take_back_and_every_message_json_carries_the_reactions() throws Exception {
        String aliceName = api.register("alice");
        String bobName = api.register("bob");
        String alice = api.token(aliceName);
        String bob = api.token(bobName);
        String slug = api.createRoom(alice, "Reactions API", false);
        api.join(bob, slug);
        JsonNode posted = api.post(alice, slug, "ship it?");
        assertThat(posted.path("reactions").isArray()).isTrue();
        assertThat(posted.path("reactions").size()).isZero();

        ApiClient.Answer byBob = api.call("PUT", reaction(posted, "👍"), bob, null);

        assertThat(byBob.status()).isEqualTo(200);
        assertThat(byBob.body().path("id").asLong()).isEqualTo(ApiClient.id(posted));
        assertThat(byBob.body().path("version").asLong())
                .isGreaterThan(posted.path("version").asLong());
        assertThat(byBob.body().path("reactions").toString())
                .isEqualTo("[{\"emoji\":\"👍\",\"count\":1,\"users\":[\"" + bobName + "\"]}]");
        ApiClient.Answer again = api.call("PUT", reaction(posted, "👍"), bob, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(byBob.body());

        api.call("PUT", reaction(posted, "🎉"), alice, null);
        ApiClient.Answer byAlice = api.call("PUT", reaction(posted, "👍"), alice, null);
        JsonNode reactions = byAlice.body().path("reactions");
        assertThat(reactions.size()).isEqualTo(2);
        assertThat(reactions.get(0).path("emoji").asString()).isEqualTo("👍");
        assertThat(reactions.get(0).path("count").asInt()).isEqualTo(2);
        assertThat(reactions.get(0).path("users").toString()).isEqualTo("[\"" + bobName + "\",\"" + aliceName + "\"]");
        assertThat(reactions.get(1).path("emoji").asString()).isEqualTo("🎉");
        JsonNode history =
                api.call("GET", "/api/rooms/" + slug + "/messages", bob, null).body();
        assertThat(history.get(0)).isEqualTo(byAlice.body());

        ApiClient.Answer takenBack = api.call("DELETE", reaction(posted, "👍"), bob, null);
        assertThat(takenBack.status()).isEqualTo(200);
        assertThat(takenBack.body().path("reactions").get(0).path("users").toString())
                .isEqualTo("[\"" + aliceName + "\"]");
        ApiClient.Answer takenBackAgain = api.call("DELETE", reaction(posted, "👍"), bob, null);
        assertThat(takenBackAgain.status()).isEqualTo(200);
        assertThat(takenBackAgain.body()).isEqualTo(takenBack.body());

        JsonNode changes = api.call(
                        "GET",
                        "/api/rooms/" + slug + "/messages?changedSince="
                                + posted.path("version").asLong(),
                        bob,
                        null)
                .body();
        assertThat(changes.size()).isEqualTo(1);
        assertThat(changes.get(0)).isEqualTo(takenBack.body());
    }

    @Test
    void refusals_answer_400_off_palette_403_non_member_404_private_and_409_deleted() throws Exception {
        String owner = api.token(api.register("owner"));
        String outsider = api.token(api.register("outsider"));
        String open = api.createRoom(owner, "Open", false);
        String secret = api.createRoom(owner, "Secret", true);
        JsonNode public1 = api.post(owner, open, "public words");
        JsonNode private1 = api.post(owner, secret, "private words");

        ApiClient.Answer offPalette = api.call("PUT", reaction(public1, "👎"), owner, null);
        assertThat(offPalette.status()).isEqualTo(400);
        assertThat(offPalette.error()).isEqualTo("Pick a reaction from the palette");
        assertThat(api.call("DELETE", reaction(public1, "x"), owner, null).status())
                .isEqualTo(400);

        for (String method : new String[] {"PUT", "DELETE"}) {
            ApiClient.Answer notMember = api.call(method, reaction(public1, "👍"), outsider, null);
            assertThat(notMember.status()).isEqualTo(403);
            assertThat(notMember.error()).isEqualTo("Join the room to react");

            ApiClient.Answer missing =
                    api.call(method, "/api/messages/" + Long.MAX_VALUE + "/reactions/" + encode("👍"), outsider, null);
            ApiClient.Answer hidden = api.call(method, reaction(private1, "👍"), outsider, null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.body()).isEqualTo(missing.body());
        }

        api.call("PUT", reaction(public1, "😢"), owner, null);
        assertThat(api.call("DELETE", "/api/messages/" + ApiClient.id(public1), owner, null)
                        .status())
                .isEqualTo(204);
        ApiClient.Answer deleted = api.call("PUT", reaction(public1, "😢"), owner, null);
        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.error()).isEqualTo("This message was deleted and can no longer be reacted to");
        JsonNode tombstone = api.call("GET", "/api/rooms/" + open + "/messages", owner, null)
                .body()
                .get(0);
        assertThat(tombstone.path("deleted").asBoolean()).isTrue();
        assertThat(tombstone.path("reactions").size()).isZero();
        assertThat(api.call("GET", "/api/rooms/" + secret + "/messages", owner, null)
                        .body()
                        .get(0)
                        .path("reactions")
                        .size())
                .isZero();
    }

    private static String reaction(JsonNode message, String emoji) {
        return "/api/messages/" + ApiClient.id(message) + "/reactions/" + encode(emoji);
    }

    private static String encode(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8);
    }
}
