package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rooms and who may see them; run on SQLite and on H2 by the subclasses. */
abstract class RoomServiceContract {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    @Test
    void every_instance_has_a_public_general_room_that_new_users_join() {
        UserSummary user = Fixtures.user(accounts, "newbie");

        RoomSummary general = rooms.open(user.id(), RoomService.GENERAL);
        assertThat(general.isPrivate()).isFalse();
        assertThat(general.member()).isTrue();
        assertThat(rooms.memberRooms(user.id())).extracting(RoomSummary::slug).contains(RoomService.GENERAL);
    }

    @Test
    void creator_becomes_admin_of_a_room_with_a_unique_slug() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        String name = "Release Planning " + Fixtures.username("r");

        RoomSummary first = rooms.create(alice.id(), name, "Dates and scope", false);
        RoomSummary second = rooms.create(alice.id(), name, null, false);

        assertThat(first.role()).isEqualTo(RoomRole.ADMIN);
        assertThat(first.memberCount()).isEqualTo(1);
        assertThat(first.slug()).isEqualTo(Slugs.fromName(name)).startsWith("release-planning-r-");
        assertThat(second.slug()).matches(first.slug() + "-[a-z2-9]{6}");
        assertThat(members.members(alice.id(), first.id())).singleElement().satisfies(m -> assertThat(m.role())
                .isEqualTo(RoomRole.ADMIN));
    }

    @Test
    void a_new_rooms_slug_tells_nothing_of_a_private_room_of_the_same_name() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        String name = "Secret Ops " + Fixtures.username("s");
        String plain = Slugs.fromName(name);

        RoomSummary secret = rooms.create(owner.id(), name, null, true);
        RoomSummary open = rooms.create(outsider.id(), name, null, false);
        RoomSummary ownSecret = rooms.create(outsider.id(), name, null, true);

        // The outsider's rooms are named as if the owner's did not exist.
        assertThat(open.slug()).isEqualTo(plain);
        assertThat(secret.slug()).matches(plain + "-[a-z2-9]{6}");
        assertThat(ownSecret.slug()).matches(plain + "-[a-z2-9]{6}").isNotEqualTo(secret.slug());
        assertThatThrownBy(() -> rooms.open(outsider.id(), secret.slug()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such room");
    }

    @Test
    void room_names_must_fit() {
        UserSummary alice = Fixtures.user(accounts, "alice");

        assertThatThrownBy(() -> rooms.create(alice.id(), "   ", null, false))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> rooms.create(alice.id(), "x".repeat(Room.NAME_MAX_LENGTH + 1), null, false))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_room_name_cannot_hide_characters_that_change_what_others_read() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Plans " + Fixtures.username("p"), null, false);

        assertThatThrownBy(() -> rooms.create(alice.id(), "Payroll\u202Etxt.exe", null, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Room name must not contain invisible or direction-changing characters (it has U+202E)");
        assertThatThrownBy(() -> rooms.updateSettings(
                        alice.id(), room.slug(), new RoomService.RoomChanges("gen\u2066eral", null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Room name must not contain invisible or direction-changing characters (it has U+2066)");
        assertThat(rooms.open(alice.id(), room.slug()).name()).isEqualTo(room.name());

        RoomSummary renamed = rooms.updateSettings(
                alice.id(),
                room.slug(),
                new RoomService.RoomChanges("\u200BLaunch \uD83D\uDE80\uFEFF", null, null, null));
        assertThat(renamed.name()).isEqualTo("Launch \uD83D\uDE80");
    }

    @Test
    void a_private_room_does_not_exist_for_non_members() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary secret = rooms.create(owner.id(), "Secret " + Fixtures.username("s"), "plans", true);

        assertThat(rooms.visibleRooms(outsider.id()))
                .extracting(RoomSummary::slug)
                .doesNotContain(secret.slug());
        assertThatThrownBy(() -> rooms.open(outsider.id(), secret.slug()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such room");
        assertThatThrownBy(() -> rooms.open(outsider.id(), "no-such-room-" + Fixtures.username("x")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such room");
        assertThatThrownBy(() -> members.join(outsider.id(), secret.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.members(outsider.id(), secret.id())).isInstanceOf(NotFoundException.class);
        assertThat(rooms.visibleRooms(owner.id())).extracting(RoomSummary::slug).contains(secret.slug());
    }

    @Test
    void people_join_and_leave_public_rooms() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(owner.id(), "Kitchen " + Fixtures.username("k"), null, false);

        assertThat(rooms.open(bob.id(), room.slug()).member()).isFalse();
        RoomSummary joined = members.join(bob.id(), room.slug());
        assertThat(joined.member()).isTrue();
        assertThat(joined.memberCount()).isEqualTo(2);
        assertThat(members.join(bob.id(), room.slug()).memberCount()).isEqualTo(2);

        members.leave(bob.id(), room.slug());
        assertThat(rooms.open(bob.id(), room.slug()).member()).isFalse();
        assertThat(rooms.open(owner.id(), room.slug()).memberCount()).isEqualTo(1);
    }

    @Test
    void lobby_lists_public_rooms_and_own_private_rooms_with_member_ids() {
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary secret = rooms.create(owner.id(), "Hidden " + Fixtures.username("h"), null, true);

        RoomService.Lobby lobby = rooms.lobby(owner.id());
        assertThat(lobby.rooms()).extracting(RoomSummary::slug).contains(RoomService.GENERAL, secret.slug());
        assertThat(lobby.members().get(secret.id())).containsExactly(owner.id());
    }
}
