package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The caller's mentions through the REST API, over real HTTP. */
class MentionApiTest extends ApiTestSupport {

    @Test
    void a_member_reads_their_mentions_newest_first_and_they_turn_read_with_the_room() throws Exception {
        String aliceName = api.register("alice");
        String bobName = api.register("bob");
        String alice = api.token(aliceName);
        String bob = api.token(bobName);
        String slug = api.createRoom(alice, "Mentions API", false);
        api.join(bob, slug);
        JsonNode first = api.post(alice, slug, "@" + bobName + " first");
        api.post(alice, slug, "no mention");
        JsonNode second = api.post(alice, slug, "and again @" + bobName);

        ApiClient.Answer answer = api.call("GET", "/api/mentions", bob, null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode list = answer.body();
        assertThat(list.size()).isEqualTo(2);
        JsonNode newest = list.get(0);
        assertThat(newest.path("messageId").asLong()).isEqualTo(ApiClient.id(second));
        assertThat(newest.path("room").asString()).isEqualTo(slug);
        assertThat(newest.path("seq").asLong()).isEqualTo(3);
        assertThat(newest.path("body").asString()).isEqualTo("and again @" + bobName);
        assertThat(newest.path("author").path("username").asString()).isEqualTo(aliceName);
        assertThat(newest.path("deleted").asBoolean()).isFalse();
        assertThat(newest.path("unread").asBoolean()).isTrue();
        assertThat(list.get(1).path("messageId").asLong()).isEqualTo(ApiClient.id(first));
        assertThat(api.call("GET", "/api/mentions?limit=1", bob, null).body().size())
                .isEqualTo(1);
        assertThat(api.call("GET", "/api/mentions", alice, null).body().size()).isZero();

        // Posting in the room reads everything before: Bob's mentions turn read.
        api.post(bob, slug, "on it");
        JsonNode after = api.call("GET", "/api/mentions", bob, null).body();
        assertThat(after.get(0).path("unread").asBoolean()).isFalse();
        assertThat(after.get(1).path("unread").asBoolean()).isFalse();
    }

    @Test
    void a_limit_out_of_range_is_refused_and_anonymous_callers_are_not_let_in() throws Exception {
        String bob = api.token(api.register("bob"));

        ApiClient.Answer tooMany = api.call("GET", "/api/mentions?limit=101", bob, null);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).isEqualTo("limit must be between 1 and 100");
        assertThat(api.call("GET", "/api/mentions", null, null).status()).isEqualTo(401);
    }
}
