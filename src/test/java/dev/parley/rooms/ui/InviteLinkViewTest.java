package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.InviteExpiry;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.NewInviteLink;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /invite/{token}}: into the room, or a plain reason why not; and the open lobby following such a way in. */
class InviteLinkViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    InviteService invites;

    @Test
    void a_valid_link_lets_the_user_into_the_private_room_and_a_used_up_one_says_so() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Linked " + Fixtures.username("l"), null, true);
        NewInviteLink link = invites.createLink(admin.id(), room.slug(), InviteExpiry.HOUR, 1);
        UserSummary me = signIn("joiner");

        navigate(link.path(), RoomView.class);

        assertThat(rooms.open(me.id(), room.slug()).member()).isTrue();

        signIn("latecomer");
        InviteLinkView refused = navigate(link.path(), InviteLinkView.class);
        assertThat(refused.reason.getText()).isEqualTo("This invite link has been used up.");
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
