package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Invitations, invite links, removing members and roles through the REST API, over real HTTP. */
class InviteApiTest extends ApiTestSupport {

    @Test
    void an_admin_invites_by_username_and_the_invitee_accepts_into_a_private_room() throws Exception {
        String aliceName = api.register("alice");
        String bobName = api.register("bob");
        String alice = api.token(aliceName);
        String bob = api.token(bobName);
        String carol = api.token(api.register("carol"));
        String slug = api.createRoom(alice, "Invites API", true);

        ApiClient.Answer invited = api.call("POST", "/api/rooms/" + slug + "/invites", alice, usernameJson(bobName));
        assertThat(invited.status()).isEqualTo(201);
        long id = invited.body().path("id").asLong();
        assertThat(invited.body().path("room").path("slug").asString()).isEqualTo(slug);
        assertThat(invited.body().path("invitedBy").path("username").asString()).isEqualTo(aliceName);

        ApiClient.Answer again = api.call("POST", "/api/rooms/" + slug + "/invites", alice, usernameJson(bobName));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("has already been invited");
        // Everything about a private room is 404 to a non-member, invitations included.
        assertThat(api.call("POST", "/api/rooms/" + slug + "/invites", carol, usernameJson(bobName))
                        .status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/invites", carol, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", "/api/invites/" + id + "/accept", carol, null)
                        .status())
                .isEqualTo(404);

        JsonNode mine = api.call("GET", "/api/invites", bob, null).body();
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(api.call("GET", "/api/rooms/" + slug + "/invites", alice, null)
                        .body()
                        .size())
                .isEqualTo(1);

        ApiClient.Answer accepted = api.call("POST", "/api/invites/" + id + "/accept", bob, null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("slug").asString()).isEqualTo(slug);
        assertThat(accepted.body().path("member").asBoolean()).isTrue();
        api.post(bob, slug, "thanks for having me");
        assertThat(api.call("GET", "/api/invites", bob, null).body().size()).isZero();
        ApiClient.Answer member = api.call("POST", "/api/rooms/" + slug + "/invites", alice, usernameJson(bobName));
        assertThat(member.status()).isEqualTo(409);
        assertThat(member.error()).contains("is already a member");
    }

    @Test
    void withdrawing_an_invitation_one_may_not_see_answers_as_for_one_that_does_not_exist() throws Exception {
        String alice = api.token(api.register("alice"));
        String bobName = api.register("bob");
        String eve = api.token(api.register("eve"));
        String slug = api.createRoom(alice, "Withdrawn", true);
        long id = api.call("POST", "/api/rooms/" + slug + "/invites", alice, usernameJson(bobName))
                .body()
                .path("id")
                .asLong();

        ApiClient.Answer hidden = api.call("DELETE", "/api/invites/" + id, eve, null);
        ApiClient.Answer missing = api.call("DELETE", "/api/invites/" + (id + 1_000_000), eve, null);

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body());
        assertThat(hidden.error()).isEqualTo("No such invitation");
        assertThat(api.call("DELETE", "/api/invites/" + id, alice, null).status())
                .isEqualTo(204);
    }

    @Test
    void an_invitee_declines() throws Exception {
        String alice = api.token(api.register("alice"));
        String bobName = api.register("bob");
        String bob = api.token(bobName);
        String slug = api.createRoom(alice, "Declined", true);
        long id = api.call("POST", "/api/rooms/" + slug + "/invites", alice, usernameJson(bobName))
                .body()
                .path("id")
                .asLong();

        assertThat(api.call("POST", "/api/invites/" + id + "/decline", bob, null)
                        .status())
                .isEqualTo(204);

        assertThat(api.call("GET", "/api/invites", bob, null).body().size()).isZero();
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", bob, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_link_lets_people_in_until_it_is_used_up_or_revoked_and_says_which() throws Exception {
        String aliceName = api.register("alice");
        String alice = api.token(aliceName);
        String bob = api.token(api.register("bob"));
        String carol = api.token(api.register("carol"));
        String slug = api.createRoom(alice, "Links API", true);

        ApiClient.Answer created =
                api.call("POST", "/api/rooms/" + slug + "/invite-links", alice, "{\"expiresIn\":\"1h\",\"maxUses\":1}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.body().path("token").asString();
        long linkId = created.body().path("id").asLong();
        assertThat(created.body().path("url").asString()).isEqualTo("/invite/" + token);
        assertThat(created.body().path("maxUses").asInt()).isEqualTo(1);
        assertThat(created.body().path("expiresAt").isNull()).isFalse();
        JsonNode listed = api.call("GET", "/api/rooms/" + slug + "/invite-links", alice, null)
                .body();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("token").isNull()).isTrue();

        ApiClient.Answer joined = api.call("POST", "/api/invite-links/" + token + "/join", bob, null);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.body().path("slug").asString()).isEqualTo(slug);
        ApiClient.Answer usedUp = api.call("POST", "/api/invite-links/" + token + "/join", carol, null);
        assertThat(usedUp.status()).isEqualTo(410);
        assertThat(usedUp.error()).isEqualTo("This invite link has been used up.");

        String second = api.call("POST", "/api/rooms/" + slug + "/invite-links", alice, "{\"expiresIn\":\"never\"}")
                .body()
                .path("token")
                .asString();
        long secondId = api.call("GET", "/api/rooms/" + slug + "/invite-links", alice, null)
                .body()
                .get(0)
                .path("id")
                .asLong();
        // Bob is a member now, but not an admin: links are the admins'.
        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/invite-links/" + secondId, bob, null)
                        .status())
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/invite-links/" + secondId, alice, null)
                        .status())
                .isEqualTo(204);
        ApiClient.Answer revoked = api.call("POST", "/api/invite-links/" + second + "/join", carol, null);
        assertThat(revoked.status()).isEqualTo(410);
        assertThat(revoked.error()).isEqualTo("This invite link was revoked by the room's admins.");
        assertThat(api.call("POST", "/api/invite-links/pl_nonsense/join", carol, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/invite-links", alice, "{\"expiresIn\":\"2y\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/invite-links", carol, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(linkId).isNotEqualTo(secondId);
    }

    @Test
    void admins_change_roles_and_remove_members_and_the_last_admin_stays() throws Exception {
        String aliceName = api.register("alice");
        String bobName = api.register("bob");
        String carolName = api.register("carol");
        String alice = api.token(aliceName);
        String bob = api.token(bobName);
        String carol = api.token(carolName);
        String slug = api.createRoom(alice, "Roles API", false);
        api.join(bob, slug);
        api.join(carol, slug);

        ApiClient.Answer lastAdmin = api.call("POST", "/api/rooms/" + slug + "/leave", alice, null);
        assertThat(lastAdmin.status()).isEqualTo(409);
        assertThat(lastAdmin.error()).isEqualTo("You are the room's last admin. Make someone else admin first.");
        assertThat(api.call("PUT", roleOf(slug, bobName), bob, "{\"role\":\"admin\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.call("PUT", roleOf(slug, bobName), alice, "{\"role\":\"owner\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.call("PUT", roleOf(slug, bobName), alice, "{\"role\":\"moderator\"}")
                        .status())
                .isEqualTo(204);

        ApiClient.Answer modRemovesAdmin =
                api.call("DELETE", "/api/rooms/" + slug + "/members/" + aliceName, bob, null);
        assertThat(modRemovesAdmin.status()).isEqualTo(403);
        assertThat(modRemovesAdmin.error()).isEqualTo("Moderators cannot remove admins");
        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/members/" + carolName, bob, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("POST", "/api/rooms/" + slug + "/messages", carol, "{\"body\":\"still here?\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/api/rooms/" + slug + "/members/" + carolName, bob, null)
                        .status())
                .isEqualTo(404);
    }

    private static String usernameJson(String username) {
        return "{\"username\":\"" + username + "\"}";
    }

    private static String roleOf(String slug, String username) {
        return "/api/rooms/" + slug + "/members/" + username + "/role";
    }
}
