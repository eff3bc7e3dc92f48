package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.AccountService;
import dev.parley.files.AvatarService;
import dev.parley.presence.PresenceService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The REST API's profile and people endpoints, and a room's members with presence, over real HTTP. */
class UserApiTest extends ApiTestSupport {

    @Autowired
    AccountService accounts;

    @Autowired
    AvatarService avatars;

    @Autowired
    PresenceService presence;

    @Test
    void a_user_reads_and_renames_themselves_by_the_profile_pages_rule() throws Exception {
        String adaName = api.register("ada");
        String ada = api.token(adaName);

        ApiClient.Answer me = api.call("GET", "/api/users/me", ada, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("username").asString()).isEqualTo(adaName);
        assertThat(me.body().path("displayName").asString()).isEqualTo("Ada Tester");
        assertThat(me.body().path("online").asBoolean()).isFalse();
        assertThat(me.body().path("avatarUrl").isNull()).isTrue();
        assertThat(me.body().has("admin")).isTrue();

        ApiClient.Answer renamed = api.call("PUT", "/api/users/me", ada, "{\"displayName\":\"  Ada Lovelace \"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(accounts.findByUsername(adaName).orElseThrow().displayName()).isEqualTo("Ada Lovelace");

        ApiClient.Answer blank = api.call("PUT", "/api/users/me", ada, "{\"displayName\":\"   \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.error()).isEqualTo("Display name must be 1 to 64 characters");
        assertThat(api.call("PUT", "/api/users/me", ada, "{}").status()).isEqualTo(400);
        assertThat(api.call("PUT", "/api/users/me", ada, "not json").status()).isEqualTo(400);
        assertThat(api.call("GET", "/api/users/me", null, null).status()).isEqualTo(401);
        assertThat(api.call("PUT", "/api/users/me", "pt_wrong", "{\"displayName\":\"x\"}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anyone_signed_in_sees_a_user_with_presence_and_picture() throws Exception {
        String ada = api.token(api.register("ada"));
        String graceName = api.register("grace");

        ApiClient.Answer grace = api.call("GET", "/api/users/" + graceName.toUpperCase(), ada, null);
        assertThat(grace.status()).isEqualTo(200);
        assertThat(grace.body().path("username").asString()).isEqualTo(graceName);
        assertThat(grace.body().path("displayName").asString()).isEqualTo("Grace Tester");
        assertThat(grace.body().path("online").asBoolean()).isFalse();
        assertThat(grace.body().path("lastSeen").isNull()).isTrue();
        assertThat(api.call("GET", "/api/users/" + graceName + "/avatar", ada, null)
                        .status())
                .isEqualTo(404);

        var graceId = accounts.findByUsername(graceName).orElseThrow().id();
        avatars.upload(graceId, "me.png", new ByteArrayInputStream(png()));
        PresenceService.Connection tab = presence.connect(graceId, () -> {});
        try {
            JsonNode online =
                    api.call("GET", "/api/users/" + graceName, ada, null).body();
            assertThat(online.path("online").asBoolean()).isTrue();
            String avatarUrl = online.path("avatarUrl").asString();
            assertThat(avatarUrl).startsWith("/api/users/" + graceName + "/avatar?v=");
            ApiClient.Download picture = api.download(avatarUrl, ada);
            assertThat(picture.status()).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
            assertThat(picture.headers().firstValue("Cache-Control")).hasValue("private, max-age=31536000, immutable");
            assertThat(api.download("/api/users/" + graceName + "/avatar", null).status())
                    .isEqualTo(401);
        } finally {
            tab.close();
        }
        JsonNode offline = api.call("GET", "/api/users/" + graceName, ada, null).body();
        assertThat(offline.path("online").asBoolean()).isFalse();
        assertThat(offline.path("lastSeen").isNull()).isFalse();
        assertThat(api.call("GET", "/api/users/nobody-at-all", ada, null).status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/users/" + graceName, null, null).status())
                .isEqualTo(401);
    }

    @Test
    void a_rooms_members_come_with_role_and_presence_in_pages_by_username() throws Exception {
        String adaName = api.register("ada");
        String ada = api.token(adaName);
        String bobName = api.register("bob");
        String bob = api.token(bobName);
        String carolName = api.register("carol");
        String carol = api.token(carolName);
        String slug = api.createRoom(ada, "Members API", false);
        String hidden = api.createRoom(ada, "Hidden members", true);
        api.join(bob, slug);
        api.join(carol, slug);
        assertThat(api.call(
                                "PUT",
                                "/api/rooms/" + slug + "/members/" + bobName + "/role",
                                ada,
                                "{\"role\":\"moderator\"}")
                        .status())
                .isEqualTo(204);
        PresenceService.Connection tab = presence.connect(
                accounts.findByUsername(carolName).orElseThrow().id(), () -> {});
        try {
            JsonNode all = api.call("GET", "/api/rooms/" + slug + "/members", bob, null)
                    .body();
            List<String> sorted =
                    List.of(adaName, bobName, carolName).stream().sorted().toList();
            assertThat(all.valueStream().map(m -> m.path("username").asString()))
                    .containsExactlyElementsOf(sorted);
            JsonNode adaRow = all.valueStream()
                    .filter(m -> m.path("username").asString().equals(adaName))
                    .findFirst()
                    .orElseThrow();
            assertThat(adaRow.path("role").asString()).isEqualTo("admin");
            assertThat(adaRow.path("displayName").asString()).isEqualTo("Ada Tester");
            assertThat(all.valueStream()
                            .filter(m -> m.path("username").asString().equals(bobName))
                            .findFirst()
                            .orElseThrow()
                            .path("role")
                            .asString())
                    .isEqualTo("moderator");
            assertThat(all.valueStream()
                            .filter(m -> m.path("online").asBoolean())
                            .map(m -> m.path("username").asString()))
                    .containsExactly(carolName);

            JsonNode first = api.call("GET", "/api/rooms/" + slug + "/members?limit=2", bob, null)
                    .body();
            assertThat(first.size()).isEqualTo(2);
            JsonNode rest = api.call(
                            "GET",
                            "/api/rooms/" + slug + "/members?limit=2&after="
                                    + first.get(1).path("username").asString(),
                            bob,
                            null)
                    .body();
            assertThat(rest.size()).isEqualTo(1);
            assertThat(rest.get(0).path("username").asString()).isEqualTo(sorted.get(2));
        } finally {
            tab.close();
        }
        ApiClient.Answer badLimit = api.call("GET", "/api/rooms/" + slug + "/members?limit=0", ada, null);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.error()).isEqualTo("limit must be between 1 and 1000");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/members?limit=x", ada, null)
                        .status())
                .isEqualTo(400);
        // A public room's members are for anyone who may read it; a private room's only for its members.
        String dave = api.token(api.register("dave"));
        assertThat(api.call("GET", "/api/rooms/" + slug + "/members", dave, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.call("GET", "/api/rooms/" + hidden + "/members", dave, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms/no-such-room/members", dave, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/members", null, null)
                        .status())
                .isEqualTo(401);
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 64; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 128);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
