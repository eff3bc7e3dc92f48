package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.InviteExpiry;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.NewInviteLink;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /invite/{token}}: the room and a Join button, which alone lets the user in, or a plain reason why not; and the
 * open lobby following such a way in.
 */
class InviteLinkViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    InviteService invites;

    @Autowired
    Memberships memberships;

    @Test
    void a_valid_link_shows_the_private_room_and_only_the_join_button_lets_the_user_in() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Linked " + Fixtures.username("l"), "Where plans are made", true);
        NewInviteLink link = invites.createLink(admin.id(), room.slug(), InviteExpiry.HOUR, 1);
        UserSummary me = signIn("joiner");

        InviteLinkView view = navigate(link.path(), InviteLinkView.class);

        assertThat(view.heading.getText()).isEqualTo("You are invited to #" + room.name());
        assertThat(view.description.getText()).isEqualTo("Where plans are made");
        assertThat(view.details.getText()).isEqualTo("Private room · 1 member");
        assertThat(view.join.getText()).isEqualTo("Join #" + room.name());
        assertThat(view.join.isVisible()).isTrue();
        assertThat(rooms.memberRooms(me.id())).noneMatch(r -> r.id().equals(room.id()));
        assertThat(invites.links(admin.id(), room.slug()).getFirst().uses()).isZero();

        test(view.join).click();

        assertThat(getCurrentView()).isInstanceOf(RoomView.class);
        assertThat(rooms.open(me.id(), room.slug()).member()).isTrue();

        signIn("latecomer");
        InviteLinkView refused = navigate(link.path(), InviteLinkView.class);
        assertThat(refused.reason.getText()).isEqualTo("This invite link has been used up.");
        assertThat(refused.heading.getText()).isEqualTo("This invite link cannot be used");
        assertThat(refused.join.isVisible()).isFalse();
    }

    @Test
    void a_member_goes_straight_into_the_room_and_a_link_used_up_before_the_click_says_so() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Open " + Fixtures.username("o"), null, false);
        NewInviteLink link = invites.createLink(admin.id(), room.slug(), InviteExpiry.DAY, 1);
        UserSummary first = Fixtures.user(accounts, "first");
        signIn("second");
        InviteLinkView view = navigate(link.path(), InviteLinkView.class);
        assertThat(view.details.getText()).isEqualTo("Public room · 1 member");
        assertThat(view.description.isVisible()).isFalse();

        invites.joinByLink(first.id(), link.token());
        test(view.join).click();

        assertThat(view.reason.getText()).isEqualTo("This invite link has been used up.");
        assertThat(view.join.isVisible()).isFalse();
        assertThat(getCurrentView()).isSameAs(view);

        UserSummary member = signIn("member");
        memberships.join(member.id(), room.slug());
        navigate(link.path(), RoomView.class);
    }

    @Test
    void a_revoked_or_unknown_link_says_so() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Revoked " + Fixtures.username("r"), null, true);
        NewInviteLink link = invites.createLink(admin.id(), room.slug(), InviteExpiry.NEVER, null);
        invites.revokeLink(admin.id(), room.slug(), link.link().id());
        signIn("visitor");

        assertThat(navigate(link.path(), InviteLinkView.class).reason.getText())
                .isEqualTo("This invite link was revoked by the room's admins.");
        assertThat(navigate("invite/pl_nothing", InviteLinkView.class).reason.getText())
                .isEqualTo("This invite link is not valid. Ask the room's admins for a new one.");
    }

    @Test
    void a_private_room_entered_in_another_tab_appears_in_the_open_lobby_with_its_members() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Back room " + Fixtures.username("b"), null, true);
        UserSummary me = signIn("guest");
        LobbyView lobby = navigate(LobbyView.class);
        long invitation = invites.invite(admin.id(), room.slug(), me.username()).id();

        invites.accept(me.id(), invitation);

        awaitUi(() -> lobby.list
                .getChildren()
                .anyMatch(card -> room.slug().equals(card.getElement().getAttribute("data-slug"))
                        && card.getElement().getTextRecursively().contains("2 members")));
    }
}
