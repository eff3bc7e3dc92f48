package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Message search through the REST API, over real HTTP: the same rules and fields as in the browser. */
class SearchApiTest extends ApiTestSupport {

    private ApiClient.Answer search(String token, String query) throws Exception {
        return api.call("GET", "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), token, null);
    }

    @Test
    void a_reader_finds_messages_with_their_room_author_and_a_highlighted_escaped_snippet() throws Exception {
        // A word of this test's own: other tests of this context post too.
        String word = "zb" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9aeiouy]", "k") + "k";
        String aliceName = api.register("alice");
        String bobName = api.register("bob");
        String alice = api.token(aliceName);
        String bob = api.token(bobName);
        String slug = api.createRoom(alice, "Search API", false);
        String secret = api.createRoom(alice, "Search API secret", true);
        JsonNode posted = api.post(alice, slug, word + " <b>crossing</b> at noon");
        api.post(alice, slug, word + " nothing else");
        api.post(alice, secret, word + " crossing in secret");

        ApiClient.Answer answer = search(bob, word + " cross");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Server-Timing"))
                .hasValueSatisfying(timing -> assertThat(timing).matches("search;dur=[0-9.]+"));
        assertThat(answer.body().path("total").asLong()).isEqualTo(1);
        JsonNode hit = answer.body().path("hits").get(0);
        assertThat(hit.path("room").asString()).isEqualTo(slug);
        assertThat(hit.path("roomName").asString()).startsWith("Search API");
        assertThat(hit.path("messageId").asLong()).isEqualTo(ApiClient.id(posted));
        assertThat(hit.path("seq").asLong()).isEqualTo(1);
        assertThat(hit.path("author").path("username").asString()).isEqualTo(aliceName);
        assertThat(hit.path("createdAt").asString()).isNotEmpty();
        assertThat(hit.path("snippet").asString())
                .isEqualTo("<mark>" + word + "</mark> &lt;b&gt;<mark>crossing</mark>&lt;/b&gt; at noon");

        assertThat(search(alice, word + " crossing").body().path("total").asLong())
                .isEqualTo(2);
        ApiClient.Answer newest =
                api.call("GET", "/api/search?q=" + word + "&sort=newest&limit=1&room=" + slug, alice, null);
        assertThat(newest.body().path("total").asLong()).isEqualTo(2);
        assertThat(newest.body().path("hits").size()).isEqualTo(1);
        assertThat(newest.body().path("hits").get(0).path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void bad_queries_unreadable_rooms_and_anonymous_callers_are_refused() throws Exception {
        String bob = api.token(api.register("bob"));
        String alice = api.token(api.register("alice"));
        String secret = api.createRoom(alice, "Hidden search", true);

        ApiClient.Answer unclosed = search(bob, "\"open quote");
        assertThat(unclosed.status()).isEqualTo(400);
        assertThat(unclosed.error()).contains("quote is not closed");
        assertThat(search(bob, "before:soon").status()).isEqualTo(400);
        assertThat(api.call("GET", "/api/search?q=x&limit=101", bob, null).status())
                .isEqualTo(400);
        assertThat(api.call("GET", "/api/search?q=x&sort=oldest", bob, null).status())
                .isEqualTo(400);
        assertThat(api.call("GET", "/api/search?q=x&room=" + secret, bob, null).status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/search?q=x", null, null).status()).isEqualTo(401);
    }
}
