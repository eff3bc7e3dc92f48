package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.e2e.ApiClient.Answer;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Guests over the REST API: instance admins switch guest access with {@code PUT /api/admin/guests}, and guests are
 * marked {@code "guest": true} wherever users appear. Guests themselves have no token, so they never call it.
 */
class GuestApiTest extends ApiTestSupport {

    @Autowired
    AccountService accounts;

    @Autowired
    GuestAccess guests;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void instance_admins_switch_guest_access_and_guests_are_marked_in_users_and_messages() throws Exception {
        String adminName = api.register("admin");
        UserSummary admin = accounts.findByUsername(adminName).orElseThrow();
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        String adminToken = api.token(adminName);
        String someone = api.token(api.register("someone"));

        assertThat(api.call("PUT", "/api/admin/guests", someone, "{\"allowed\":true}")
                        .status())
                .isEqualTo(403);
        Answer missing = api.call("PUT", "/api/admin/guests", adminToken, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("Send {\"allowed\": true} or {\"allowed\": false}");
        assertThat(api.call("PUT", "/api/admin/guests", adminToken, "{\"allowed\":false}")
                        .status())
                .isEqualTo(204);
        assertThat(guests.allowed()).isFalse();
        assertThat(api.call("PUT", "/api/admin/guests", adminToken, "{\"allowed\":true}")
                        .status())
                .isEqualTo(204);
        assertThat(guests.allowed()).isTrue();

        UserSummary guest = guests.enter(Fixtures.username("Visitor"), "a-browser", "192.0.2.1")
                .guest();
        String slug = api.createRoom(adminToken, "Open", false);
        RoomSummary room = rooms.open(admin.id(), slug);
        members.join(guest.id(), slug);
        messages.post(guest.id(), room.id(), "Hello from a guest");

        JsonNode accountsJson =
                api.call("GET", "/api/admin/users", adminToken, null).body();
        assertThat(accountsJson
                        .valueStream()
                        .filter(a -> a.path("username").asString().equals(guest.username()))
                        .findFirst()
                        .orElseThrow()
                        .path("guest")
                        .asBoolean())
                .isTrue();
        assertThat(accountsJson
                        .valueStream()
                        .filter(a -> a.path("username").asString().equals(adminName))
                        .findFirst()
                        .orElseThrow()
                        .path("guest")
                        .asBoolean())
                .isFalse();
        JsonNode history = api.call("GET", "/api/rooms/" + slug + "/messages", adminToken, null)
                .body();
        JsonNode author = history.get(history.size() - 1).path("author");
        assertThat(author.path("username").asString()).isEqualTo(guest.username());
        assertThat(author.path("displayName").asString()).isEqualTo(guest.displayName());
        assertThat(author.path("guest").asBoolean()).isTrue();
        JsonNode own = api.post(adminToken, slug, "and one from an account");
        assertThat(own.path("author").path("guest").asBoolean()).isFalse();
    }
}
