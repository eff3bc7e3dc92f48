package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The room view's side of invitations, removal and roles: the Invite button follows the viewer's role, and a removed
 * member's view leaves. (The invite dialog and the members' menus: rooms.ui's InviteDialogTest and MemberActionsTest.)
 */
class InvitesViewTest extends RoomViewTestSupport {

    @Autowired
    InviteService invites;

    @Autowired
    LocalBroadcaster broadcaster;

    @Test
    void a_plain_member_gets_no_invite_button() {
        UserSummary me = signIn("member");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Plain " + Fixtures.username("p"), null, false);
        members.join(me.id(), room.slug());

        RoomPanel panel = open(room);

        assertThat(shown(panel.header.inviteButton)).isFalse();
    }

    @Test
    void the_last_admin_leaving_is_told_to_make_someone_else_admin_first() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Alone " + Fixtures.username("a"), null, false);
        RoomPanel panel = open(room);

        test(panel.header.leaveButton).click();

        assertThat(notifications()).contains(Memberships.LAST_ADMIN);
        assertThat(rooms.open(me.id(), room.slug()).member()).isTrue();
    }

    @Test
    void a_moderator_made_admin_elsewhere_gets_the_invite_button_at_once() {
        UserSummary me = signIn("rising");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Rise " + Fixtures.username("r"), null, false);
        members.join(me.id(), room.slug());
        members.changeRole(owner.id(), room.slug(), me.username(), RoomRole.MODERATOR);
        RoomPanel panel = open(room);
        // Only admins invite.
        assertThat(shown(panel.header.inviteButton)).isFalse();

        members.changeRole(owner.id(), room.slug(), me.username(), RoomRole.ADMIN);

        awaitUi(() -> shown(panel.header.inviteButton));
    }

    @Test
    void a_removed_members_open_view_leaves_the_room_at_once() {
        UserSummary me = signIn("removed");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Out " + Fixtures.username("o"), null, true);
        invites.accept(
                me.id(), invites.invite(owner.id(), room.slug(), me.username()).id());
        open(room);
        int subscribers = broadcaster.subscriberCount(room.id().topic());

        members.removeMember(owner.id(), room.slug(), me.username());

        awaitUi(() -> getCurrentView() instanceof LobbyView);
        assertThat(broadcaster.subscriberCount(room.id().topic())).isLessThan(subscribers);
        assertThat(notifications()).contains(owner.displayName() + " removed you from #" + room.name() + ".");
    }
}
