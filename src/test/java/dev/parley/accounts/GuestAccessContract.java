package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.GuestAccess.GuestPass;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.files.AvatarService;
import dev.parley.files.FileService;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.DirectConversations;
import dev.parley.rooms.InviteExpiry;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomService.RoomChanges;
import dev.parley.rooms.RoomSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Guest access on SQLite and H2: the name rules, names taken by accounts or by guests who are here, offline guests'
 * names taken again, leaving, the switch, and what guests may not do (checked in the services, whatever the UI shows).
 */
abstract class GuestAccessContract {

    @Autowired
    GuestAccess guests;

    @Autowired
    AccountService accounts;

    @Autowired
    InstanceAdministration administration;

    @Autowired
    ActiveSessions sessions;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    PresenceService presence;

    @Autowired
    RoomService rooms;

    @Autowired
    DirectConversations directs;

    @Autowired
    Memberships members;

    @Autowired
    InviteService invites;

    @Autowired
    MessageService messages;

    @Autowired
    FileService files;

    @Autowired
    AvatarService avatars;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    private UserSummary admin;

    @BeforeEach
    void allowGuests() {
        admin = Fixtures.user(accounts, "admin");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        administration.setGuestsAllowed(admin.id(), true);
    }

    /** A guest name nobody has: mixed case, as a visitor might type it. */
    private static String guestName(String word) {
        return word + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A guest who entered and signed in; their reservation is what keeps the name theirs until a page opens. */
    private UserSummary guest(String word) {
        return guests.enter(guestName(word), "session-" + UUID.randomUUID(), "192.0.2.1")
                .guest();
    }

    @Test
    void a_visitor_enters_with_a_name_and_signs_in_once_with_the_ticket_made_for_their_browser() {
        String name = guestName("Visitor");
        GuestPass pass = guests.enter("  " + name + " ", "browser-1", "192.0.2.1");

        assertThat(pass.guest().guest()).isTrue();
        assertThat(pass.guest().displayName()).isEqualTo(name);
        assertThat(pass.guest().username()).isEqualTo(name.toLowerCase());
        assertThat(accounts.isGuest(pass.guest().id())).isTrue();
        assertThat(accounts.findByUsername(name).orElseThrow().guest()).isTrue();
        // Another browser cannot use the ticket, and spends it by trying.
        assertThat(guests.redeem(pass.ticket(), "browser-2")).isEmpty();
        assertThat(guests.redeem(pass.ticket(), "browser-1")).isEmpty();

        GuestPass again = guests.enter(guestName("Other"), "browser-1", "192.0.2.1");
        ParleyUser principal = guests.redeem(again.ticket(), "browser-1").orElseThrow();
        assertThat(principal.id()).isEqualTo(again.guest().id());
        assertThat(principal.guest()).isTrue();
        assertThat(principal.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_GUEST");
        assertThat(guests.redeem(again.ticket(), "browser-1")).isEmpty();
        // No password signs a guest in, and guests do not join any room by themselves.
        assertThat(accounts.hasPassword(again.guest().id())).isFalse();
        assertThat(rooms.memberRooms(again.guest().id())).isEmpty();
    }

    @Test
    void names_follow_the_rule_of_1_to_50_letters_digits_underscores_and_dashes() {
        for (String bad : List.of("", "   ", "x".repeat(51), "two words", "Zoë", "dot.name", "@me")) {
            assertThatThrownBy(() -> guests.enter(bad, "browser", "192.0.2.1"))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Your name ");
        }
        String fifty = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "_".repeat(29);
        assertThat(guests.enter(fifty, "browser", "192.0.2.1").guest().displayName())
                .hasSize(50);
    }

    @Test
    void an_accounts_name_is_refused_ignoring_case_and_sign_up_refuses_a_guests_name() {
        UserSummary ada = Fixtures.user(accounts, "ada");

        assertThatThrownBy(() -> guests.enter(ada.username().toUpperCase(), "browser", "192.0.2.1"))
                .isInstanceOf(ConflictException.class)
                .hasMessage(ada.username().toUpperCase() + " is the name of an account here. Choose another name.");

        UserSummary guest = guest("Zed");
        assertThatThrownBy(() -> accounts.register(guest.username(), "Zed", Fixtures.PASSWORD))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Username is already taken");
    }

    @Test
    void a_name_is_refused_while_its_guest_is_here_and_taken_again_once_they_are_gone() {
        String name = guestName("Visitor");
        UserSummary first = guests.enter(name, "browser-1", "192.0.2.1").guest();
        // Reserved between entering and the first page opening.
        assertThatThrownBy(() -> guests.enter(name, "browser-2", "192.0.2.1"))
                .isInstanceOf(ConflictException.class)
                .hasMessage(name + " is in use by a guest who is here now. Choose another name.");
        guests.leave(first.id());

        // Online in a tab (the reservation is over): refused, ignoring case.
        PresenceService.Connection tab = presence.connect(first.id(), () -> {});
        MockHttpSession leftBehind = new MockHttpSession();
        sessions.record(first.id(), leftBehind, "Firefox on Linux");
        assertThatThrownBy(() -> guests.enter(name.toLowerCase(), "browser-2", "192.0.2.1"))
                .isInstanceOf(ConflictException.class);
        tab.close();

        // Offline: the next visitor continues as that guest, and the browser left signed in is signed out.
        UserSummary second =
                guests.enter(name.toLowerCase(), "browser-2", "192.0.2.1").guest();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.displayName()).isEqualTo(name.toLowerCase());
        assertThat(sessions.of(first.id(), null)).isEmpty();
    }

    @Test
    void leaving_signs_the_guest_out_takes_them_offline_and_frees_the_name() throws Exception {
        String name = guestName("Leaver");
        UserSummary guest = guests.enter(name, "browser", "192.0.2.1").guest();
        MockHttpSession browser = new MockHttpSession();
        sessions.record(guest.id(), browser, "Chrome on Linux");
        presence.connect(guest.id(), () -> {});
        assertThat(presence.isOnline(guest.id())).isTrue();
        BlockingQueue<Object> told = new LinkedBlockingQueue<>();

        try (Subscription ignored = broadcaster.subscribe(guest.id().topic(), told::add)) {
            guests.leave(guest.id());

            assertThat(told.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new SessionsEnded(guest.id(), Set.of(browser.getId())));
        }
        assertThat(presence.isOnline(guest.id())).isFalse();
        assertThat(sessions.of(guest.id(), null)).isEmpty();
        assertThat(guests.enter(name, "next-browser", "192.0.2.1").guest().id()).isEqualTo(guest.id());
        // Accounts sign out; they do not "leave".
        assertThatThrownBy(() -> guests.leave(admin.id())).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void turning_guests_off_signs_every_guest_out_and_lets_nobody_in_until_it_is_on_again() {
        String name = guestName("Late");
        GuestPass pass = guests.enter(guestName("Early"), "browser", "192.0.2.1");
        MockHttpSession browser = new MockHttpSession();
        sessions.record(pass.guest().id(), browser, "Chrome on Linux");
        MockHttpSession member = new MockHttpSession();
        sessions.record(admin.id(), member, "Chrome on Linux");
        UserSummary someone = Fixtures.user(accounts, "someone");
        assertThatThrownBy(() -> administration.setGuestsAllowed(someone.id(), false))
                .isInstanceOf(NotAllowedException.class);
        try {
            administration.setGuestsAllowed(admin.id(), false);

            assertThat(accounts.guestsAllowed()).isFalse();
            assertThat(guests.allowed()).isFalse();
            assertThat(sessions.of(pass.guest().id(), null)).isEmpty();
            // Accounts stay signed in.
            assertThat(sessions.of(admin.id(), null)).hasSize(1);
            assertThat(guests.redeem(pass.ticket(), "browser")).isEmpty();
            assertThatThrownBy(() -> guests.enter(name, "browser", "192.0.2.1"))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessage("Guest access is turned off on this server");
        } finally {
            administration.setGuestsAllowed(admin.id(), true);
        }
        assertThat(guests.enter(name, "browser", "192.0.2.1").guest().displayName())
                .isEqualTo(name);
    }

    @Test
    void guests_cannot_create_rooms_start_conversations_upload_make_tokens_or_change_a_password() {
        UserSummary guest = guest("Limited");
        RoomSummary lounge = rooms.create(admin.id(), "Lounge " + UUID.randomUUID(), null, false);
        members.join(guest.id(), lounge.slug());

        assertThatThrownBy(() -> rooms.create(guest.id(), "Mine", null, false))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Guests cannot create rooms");
        assertThatThrownBy(() -> directs.start(guest.id(), List.of(admin.username())))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Guests cannot start direct conversations");
        assertThatThrownBy(() -> directs.start(admin.id(), List.of(guest.username())))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage(guest.displayName() + " is a guest: guests cannot be in direct conversations");
        assertThatThrownBy(() -> files.upload(guest.id(), lounge.id(), "note.txt", text("hello")))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Guests cannot upload files on this server");
        assertThat(files.mayUpload(guest.id())).isFalse();
        assertThat(files.mayUpload(admin.id())).isTrue();
        assertThatThrownBy(() -> avatars.upload(guest.id(), "me.png", text("not even a picture")))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> tokens.create(guest.id(), "bot"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Guests cannot create API tokens");
        assertThat(tokens.list(guest.id())).isEmpty();
        assertThatThrownBy(() -> accounts.changePassword(guest.id(), "", "a-new-password", null))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Guests have no password");
    }

    @Test
    void guests_take_part_in_public_rooms_and_never_get_into_private_ones() {
        UserSummary guest = guest("Chatty");
        RoomSummary lounge = rooms.create(admin.id(), "Lounge " + UUID.randomUUID(), null, false);
        RoomSummary secret = rooms.create(admin.id(), "Secret " + UUID.randomUUID(), null, true);

        assertThat(members.join(guest.id(), lounge.slug()).member()).isTrue();
        ChatMessage posted = messages.post(guest.id(), lounge.id(), "Hello from a guest");
        assertThat(posted.author().guest()).isTrue();
        messages.react(guest.id(), posted.id(), "👍");
        assertThat(messages.edit(guest.id(), posted.id(), "Hello again").body()).isEqualTo("Hello again");
        assertThat(members.members(admin.id(), lounge.id()))
                .filteredOn(m -> m.user().id().equals(guest.id()))
                .singleElement()
                .satisfies(m -> assertThat(m.user().guest()).isTrue());

        assertThatThrownBy(() -> members.join(guest.id(), secret.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> invites.invite(admin.id(), secret.slug(), guest.username()))
                .isInstanceOf(ConflictException.class)
                .hasMessage(
                        guest.displayName() + " is a guest: guests join public rooms themselves and cannot be invited");
        String token = invites.createLink(admin.id(), secret.slug(), InviteExpiry.DAY, 1)
                .token();
        assertThatThrownBy(() -> invites.joinByLink(guest.id(), token))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage(Memberships.GUESTS_PUBLIC_ONLY);
        // The refused guest did not use the link up.
        UserSummary colleague = Fixtures.user(accounts, "colleague");
        assertThat(invites.joinByLink(colleague.id(), token).member()).isTrue();
        assertThatThrownBy(() -> members.changeRole(admin.id(), lounge.slug(), guest.username(), RoomRole.MODERATOR))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Guests can only be members, not admins or moderators");

        // A room made private loses its guests; its other members stay.
        members.join(colleague.id(), lounge.slug());
        rooms.updateSettings(admin.id(), lounge.slug(), new RoomChanges(null, null, true, null));
        assertThat(members.members(admin.id(), lounge.id()))
                .extracting(m -> m.user().id())
                .containsExactlyInAnyOrder(admin.id(), colleague.id());
        assertThatThrownBy(() -> rooms.open(guest.id(), lounge.slug())).isInstanceOf(NotFoundException.class);
    }

    private static ByteArrayInputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
