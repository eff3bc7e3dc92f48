package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Direct conversations through the REST API, over real HTTP. */
class DirectConversationApiTest extends ApiTestSupport {

    @Test
    void start_list_and_talk_in_a_direct_conversation_that_outsiders_cannot_see() throws Exception {
        String adaName = api.register("ada");
        String graceName = api.register("grace");
        String ada = api.token(adaName);
        String grace = api.token(graceName);
        String eve = api.token(api.register("eve"));

        ApiClient.Answer started = api.call("POST", "/api/direct", ada, "{\"usernames\":[\"" + graceName + "\"]}");

        assertThat(started.status()).isEqualTo(200);
        JsonNode conversation = started.body();
        String slug = conversation.path("slug").asString();
        assertThat(conversation.path("direct").asBoolean()).isTrue();
        assertThat(conversation.path("private").asBoolean()).isTrue();
        assertThat(conversation.path("memberCount").asInt()).isEqualTo(2);
        assertThat(api.call("POST", "/api/direct", grace, "{\"usernames\":[\"" + adaName + "\"]}")
                        .body()
                        .path("slug")
                        .asString())
                .isEqualTo(slug);
        JsonNode mine = api.call("GET", "/api/direct", grace, null).body();
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).path("slug").asString()).isEqualTo(slug);

        api.post(ada, slug, "hello grace");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", grace, null)
                        .body()
                        .get(0)
                        .path("body")
                        .asString())
                .isEqualTo("hello grace");

        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", eve, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/join", eve, null).status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms", eve, null).body().toString()).doesNotContain(slug);
        assertThat(api.call("GET", "/api/rooms", ada, null).body().toString()).doesNotContain(slug);
    }

    @Test
    void nobody_else_and_unknown_names_are_refused() throws Exception {
        String ada = api.token(api.register("ada"));

        ApiClient.Answer empty = api.call("POST", "/api/direct", ada, "{\"usernames\":[]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("Choose at least one person other than yourself");
        ApiClient.Answer unknown = api.call("POST", "/api/direct", ada, "{\"usernames\":[\"no-such-person\"]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("No user named no-such-person");
    }

    @Test
    void thirty_thousand_copies_of_a_name_are_refused_at_once() throws Exception {
        String adaName = api.register("ada");
        String ada = api.token(adaName);
        String graceName = api.register("grace");
        String copies = String.join(",", java.util.Collections.nCopies(30_000, "\"" + graceName + "\""));

        long start = System.nanoTime();
        ApiClient.Answer answer = api.call("POST", "/api/direct", ada, "{\"usernames\":[" + copies + "]}");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("A direct conversation has at most 8 people, you included");
        // 30,000 lookups took 5 s; refused before any, it is the time to read 600 KB of JSON.
        assertThat(millis).isLessThan(2_000);
        ApiClient.Answer twice =
                api.call("POST", "/api/direct", ada, "{\"usernames\":[\"" + graceName + "\",\"" + graceName + "\"]}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.error()).isEqualTo(graceName + " is named twice: name each person once");
        assertThat(api.call("GET", "/api/direct", ada, null).body().size()).isZero();
    }
}
