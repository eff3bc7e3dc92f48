package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Editing, deleting and catching up on changes through the REST API, over real HTTP. */
class MessageEditApiTest extends ApiTestSupport {

    @Test
    void author_edits_and_history_returns_the_latest_version() throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Edit API", false);
        JsonNode posted = api.post(alice, slug, "teh plan");
        assertThat(posted.path("version").asLong()).isPositive();
        assertThat(posted.path("editedAt").isNull()).isTrue();
        assertThat(posted.path("deleted").asBoolean()).isFalse();

        ApiClient.Answer edited =
                api.call("PUT", "/api/messages/" + ApiClient.id(posted), alice, "{\"body\":\"the plan\"}");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("id").asLong()).isEqualTo(ApiClient.id(posted));
        assertThat(edited.body().path("seq").asLong())
                .isEqualTo(posted.path("seq").asLong());
        assertThat(edited.body().path("body").asString()).isEqualTo("the plan");
        assertThat(edited.body().path("editedAt").asString()).isNotEmpty();
        assertThat(edited.body().path("version").asLong())
                .isGreaterThan(posted.path("version").asLong());
        JsonNode history =
                api.call("GET", "/api/rooms/" + slug + "/messages", alice, null).body();
        assertThat(history.get(0)).isEqualTo(edited.body());
    }

    @Test
    void edits_are_checked_like_posts_and_refused_with_the_fitting_status() throws Exception {
        String alice = api.token(api.register("alice"));
        String bob = api.token(api.register("bob"));
        String slug = api.createRoom(alice, "Checks", false);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/join", bob, null).status())
                .isEqualTo(204);
        long id = ApiClient.id(api.post(alice, slug, "original"));

        ApiClient.Answer empty = api.call("PUT", "/api/messages/" + id, alice, "{\"body\":\"  \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("A message cannot be empty");
        ApiClient.Answer tooLong =
                api.call("PUT", "/api/messages/" + id, alice, "{\"body\":\"" + "x".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(413);
        ApiClient.Answer notAuthor = api.call("PUT", "/api/messages/" + id, bob, "{\"body\":\"mine now\"}");
        assertThat(notAuthor.status()).isEqualTo(403);
        assertThat(notAuthor.error()).isEqualTo("You can only edit your own messages");
        ApiClient.Answer badId = api.call("PUT", "/api/messages/not-a-number", alice, "{\"body\":\"x\"}");
        assertThat(badId.status()).isEqualTo(400);

        assertThat(api.call("DELETE", "/api/messages/" + id, alice, null).status())
                .isEqualTo(204);
        ApiClient.Answer afterDelete = api.call("PUT", "/api/messages/" + id, alice, "{\"body\":\"back\"}");
        assertThat(afterDelete.status()).isEqualTo(409);
        assertThat(afterDelete.error()).isEqualTo("This message was deleted and can no longer be edited");
    }

    @Test
    void authors_and_admins_delete_members_do_not_and_the_text_is_gone() throws Exception {
        String admin = api.token(api.register("admin"));
        String bob = api.token(api.register("bob"));
        String carol = api.token(api.register("carol"));
        String slug = api.createRoom(admin, "Deletes", false);
        api.call("POST", "/api/rooms/" + slug + "/join", bob, null);
        api.call("POST", "/api/rooms/" + slug + "/join", carol, null);
        long bobs = ApiClient.id(api.post(bob, slug, "bob's secret"));
        long bobsOther = ApiClient.id(api.post(bob, slug, "bob's spam"));

        ApiClient.Answer byMember = api.call("DELETE", "/api/messages/" + bobs, carol, null);
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.error()).isEqualTo("You can only delete your own messages");

        ApiClient.Answer byAuthor = api.call("DELETE", "/api/messages/" + bobs, bob, null);
        assertThat(byAuthor.status()).isEqualTo(204);
        assertThat(byAuthor.body().isNull()).isTrue();
        assertThat(api.call("DELETE", "/api/messages/" + bobs, bob, null).status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/messages/" + bobsOther, admin, null).status())
                .isEqualTo(204);

        JsonNode history =
                api.call("GET", "/api/rooms/" + slug + "/messages", carol, null).body();
        assertThat(history.size()).isEqualTo(2);
        for (JsonNode message : history) {
            assertThat(message.path("deleted").asBoolean()).isTrue();
            assertThat(message.path("body").asString()).isEmpty();
        }
        assertThat(history.toString()).doesNotContain("secret", "spam");
    }

    @Test
    void a_message_in_a_private_room_answers_like_a_missing_one_to_non_members() throws Exception {
        String owner = api.token(api.register("owner"));
        String outsider = api.token(api.register("outsider"));
        String slug = api.createRoom(owner, "Board", true);
        long id = ApiClient.id(api.post(owner, slug, "confidential"));

        ApiClient.Answer missing = api.call("PUT", "/api/messages/" + Long.MAX_VALUE, outsider, "{\"body\":\"x\"}");
        assertThat(missing.status()).isEqualTo(404);
        for (ApiClient.Answer answer : new ApiClient.Answer[] {
            api.call("PUT", "/api/messages/" + id, outsider, "{\"body\":\"x\"}"),
            api.call("DELETE", "/api/messages/" + id, outsider, null),
            api.call("DELETE", "/api/messages/" + Long.MAX_VALUE, outsider, null),
        }) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(missing.body());
        }
        ApiClient.Answer catchUp = api.call("GET", "/api/rooms/" + slug + "/messages?changedSince=0", outsider, null);
        assertThat(catchUp.status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", owner, null)
                        .body()
                        .get(0)
                        .path("body")
                        .asString())
                .isEqualTo("confidential");
    }

    @Test
    void clients_catch_up_on_new_edited_and_deleted_messages_by_version() throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Catch-up", false);
        JsonNode one = api.post(alice, slug, "one");
        JsonNode two = api.post(alice, slug, "two");
        JsonNode three = api.post(alice, slug, "three");
        long seen = three.path("version").asLong();

        api.call("PUT", "/api/messages/" + ApiClient.id(one), alice, "{\"body\":\"one, edited\"}");
        api.call("DELETE", "/api/messages/" + ApiClient.id(two), alice, null);
        api.post(alice, slug, "four");

        ApiClient.Answer changes =
                api.call("GET", "/api/rooms/" + slug + "/messages?changedSince=" + seen, alice, null);
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

        ApiClient.Answer paged =
                api.call("GET", "/api/rooms/" + slug + "/messages?changedSince=" + seen + "&limit=1", alice, null);
        assertThat(paged.body().size()).isEqualTo(1);
        assertThat(paged.body().get(0).path("body").asString()).isEqualTo("one, edited");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages?changedSince=" + latest, alice, null)
                        .body()
                        .size())
                .isZero();
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages?changedSince=1&after=1", alice, null)
                        .status())
                .isEqualTo(400);
    }
}
