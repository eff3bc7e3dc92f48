package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Room settings, bans, mutes and the moderation log through the REST API, over real HTTP, with the services' rules. */
class ModerationApiTest extends ApiTestSupport {

    @Test
    void an_admin_reads_and_changes_the_settings_and_the_slug_stays() throws Exception {
        String adminName = api.register("admin");
        String admin = api.token(adminName);
        String bob = api.token(api.register("bob"));
        String slug = api.createRoom(admin, "Settings API", false);
        api.join(bob, slug);

        JsonNode details = api.call("GET", "/api/rooms/" + slug, bob, null).body();
        assertThat(details.path("name").asString()).startsWith("Settings API");
        assertThat(details.path("role").asString()).isEqualTo("member");
        assertThat(details.path("archived").asBoolean()).isFalse();
        assertThat(details.path("mutedUntil").isNull()).isTrue();

        ApiClient.Answer changed = api.call(
                "PATCH",
                "/api/rooms/" + slug,
                admin,
                "{\"name\":\"Settings renamed\",\"description\":\"New words\",\"archived\":true}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("slug").asString()).isEqualTo(slug);
        assertThat(changed.body().path("name").asString()).isEqualTo("Settings renamed");
        assertThat(changed.body().path("archived").asBoolean()).isTrue();
        assertThat(changed.body().path("role").asString()).isEqualTo("admin");
        assertThat(api.call("GET", "/api/rooms/" + slug, bob, null)
                        .body()
                        .path("description")
                        .asString())
                .isEqualTo("New words");

        ApiClient.Answer archivedPost =
                api.call("POST", "/api/rooms/" + slug + "/messages", bob, "{\"body\":\"still there?\"}");
        assertThat(archivedPost.status()).isEqualTo(403);
        assertThat(archivedPost.error()).startsWith("This room is archived");

        assertThat(api.call("PATCH", "/api/rooms/" + slug, bob, "{\"name\":\"Mine now\"}")
                        .status())
                .isEqualTo(403);
        ApiClient.Answer empty = api.call("PATCH", "/api/rooms/" + slug, admin, "{\"name\":\"\"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("Room name must be 1 to 64 characters");

        // Made private: a non-member gets 404, exactly as for a missing room.
        String carol = api.token(api.register("carol"));
        assertThat(api.call("PATCH", "/api/rooms/" + slug, admin, "{\"private\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(api.call("GET", "/api/rooms/" + slug, carol, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms/no-such-room", carol, null).status())
                .isEqualTo(404);
    }

    @Test
    void deleting_a_room_answers_404_afterwards_and_general_stays() throws Exception {
        String admin = api.token(api.register("admin"));
        String bob = api.token(api.register("bob"));
        String slug = api.createRoom(admin, "Short lived", false);
        api.join(bob, slug);
        api.post(bob, slug, "soon gone");

        assertThat(api.call("DELETE", "/api/rooms/" + slug, bob, null).status()).isEqualTo(403);
        assertThat(api.call("DELETE", "/api/rooms/" + slug, admin, null).status())
                .isEqualTo(204);

        assertThat(api.call("GET", "/api/rooms/" + slug, admin, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", bob, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "/api/rooms/" + slug, admin, null).status())
                .isEqualTo(404);
        ApiClient.Answer general = api.call("DELETE", "/api/rooms/general", admin, null);
        assertThat(general.status()).isIn(403);
    }

    @Test
    void a_moderator_bans_and_unbans_and_the_banned_user_cannot_join() throws Exception {
        String admin = api.token(api.register("admin"));
        String modName = api.register("mod");
        String mod = api.token(modName);
        String bobName = api.register("bob");
        String bob = api.token(bobName);
        String slug = api.createRoom(admin, "Bans API", false);
        api.join(mod, slug);
        api.join(bob, slug);
        api.call("PUT", "/api/rooms/" + slug + "/members/" + modName + "/role", admin, "{\"role\":\"moderator\"}");

        assertThat(api.call("POST", "/api/rooms/" + slug + "/bans/" + bobName, mod, "{\"reason\":\"spam\"}")
                        .status())
                .isEqualTo(204);

        ApiClient.Answer join = api.call("POST", "/api/rooms/" + slug + "/join", bob, null);
        assertThat(join.status()).isEqualTo(403);
        assertThat(join.error()).startsWith("You are banned from #Bans API");
        ApiClient.Answer post = api.call("POST", "/api/rooms/" + slug + "/messages", bob, "{\"body\":\"hi\"}");
        assertThat(post.status()).isEqualTo(403);
        JsonNode bans =
                api.call("GET", "/api/rooms/" + slug + "/bans", mod, null).body();
        assertThat(bans.size()).isEqualTo(1);
        assertThat(bans.get(0).path("user").path("username").asString()).isEqualTo(bobName);
        assertThat(bans.get(0).path("bannedBy").path("username").asString()).isEqualTo(modName);
        assertThat(bans.get(0).path("reason").asString()).isEqualTo("spam");
        assertThat(api.call("POST", "/api/rooms/" + slug + "/bans/" + bobName, mod, null)
                        .status())
                .isEqualTo(409);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/bans", bob, null).status())
                .isEqualTo(403);

        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/bans/" + bobName, mod, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/join", bob, null).status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/bans/" + bobName, mod, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_muted_member_gets_403_with_the_time_until_unmuted_and_the_admins_read_the_log() throws Exception {
        String adminName = api.register("admin");
        String admin = api.token(adminName);
        String bobName = api.register("bob");
        String bob = api.token(bobName);
        String slug = api.createRoom(admin, "Mutes API", false);
        api.join(bob, slug);

        ApiClient.Answer muted = api.call(
                "PUT", "/api/rooms/" + slug + "/mutes/" + bobName, admin, "{\"minutes\":15,\"reason\":\"cool down\"}");
        assertThat(muted.status()).isEqualTo(200);
        Instant until = Instant.parse(muted.body().path("mutedUntil").asString());
        assertThat(until)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(14)),
                        Instant.now().plus(Duration.ofMinutes(16)));

        ApiClient.Answer post = api.call("POST", "/api/rooms/" + slug + "/messages", bob, "{\"body\":\"hello\"}");
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.error()).startsWith("You are muted in #Mutes API").endsWith(" until " + until + ".");
        assertThat(Instant.parse(api.call("GET", "/api/rooms/" + slug, bob, null)
                        .body()
                        .path("mutedUntil")
                        .asString()))
                .isEqualTo(until);
        JsonNode mutes =
                api.call("GET", "/api/rooms/" + slug + "/mutes", admin, null).body();
        assertThat(mutes.get(0).path("user").path("username").asString()).isEqualTo(bobName);
        assertThat(api.call("PUT", "/api/rooms/" + slug + "/mutes/" + bobName, admin, "{\"minutes\":0}")
                        .status())
                .isEqualTo(400);
        assertThat(api.call("PUT", "/api/rooms/" + slug + "/mutes/" + adminName, bob, "{\"minutes\":5}")
                        .status())
                .isEqualTo(403);

        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/mutes/" + bobName, admin, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.post(bob, slug, "back").path("body").asString()).isEqualTo("back");

        JsonNode log = api.call("GET", "/api/rooms/" + slug + "/moderation-log?limit=10", admin, null)
                .body();
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.get(0).path("action").asString()).isEqualTo("unmute");
        assertThat(log.get(1).path("action").asString()).isEqualTo("mute");
        assertThat(log.get(1).path("actor").path("username").asString()).isEqualTo(adminName);
        assertThat(log.get(1).path("target").path("username").asString()).isEqualTo(bobName);
        assertThat(log.get(1).path("reason").asString()).isEqualTo("cool down");
        long newest = log.get(0).path("id").asLong();
        JsonNode older = api.call("GET", "/api/rooms/" + slug + "/moderation-log?before=" + newest, admin, null)
                .body();
        assertThat(older.size()).isEqualTo(1);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/moderation-log", bob, null)
                        .status())
                .isEqualTo(403);
    }
}
