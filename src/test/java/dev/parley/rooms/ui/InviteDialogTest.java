package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The room admins' invite dialog, opened from the room's header: invitations by name, and invite links. */
class InviteDialogTest extends RoomPageTestSupport {

    @Autowired
    InviteService invites;

    @Test
    void an_admin_invites_someone_picked_from_the_suggestions_and_sees_them_pending() {
        UserSummary me = signIn("admin");
        String word = "inv" + Fixtures.username("x").substring(2, 10).replace("-", "");
        UserSummary bob = accounts.register(word + "bob", "Bob Invitee", Fixtures.PASSWORD);
        RoomSummary room = rooms.create(me.id(), "Secret " + Fixtures.username("s"), null, true);
        open(room);

        test(headerButton("invite-button")).click();
        InviteDialog dialog = $(InviteDialog.class).single();
        test(dialog.username).setFilter(word);
        assertThat(test(dialog.username).getSuggestionItems()).containsExactly(bob);
        test(dialog.username).selectItem("Bob Invitee (@" + bob.username() + ")");
        test(dialog.invite).click();

        assertThat(invites.invitations(bob.id()))
                .singleElement()
                .satisfies(invitation -> assertThat(invitation.roomSlug()).isEqualTo(room.slug()));
        assertThat(dialog.pending.getChildren()).singleElement().satisfies(row -> assertThat(
                        row.getElement().getAttribute("data-username"))
                .isEqualTo(bob.username()));
        assertThat(dialog.username.getValue()).isNull();

        // Inviting again says so, in the dialog.
        test(dialog.username).setFilter(word);
        test(dialog.username).selectItem("Bob Invitee (@" + bob.username() + ")");
        test(dialog.invite).click();
        assertThat(dialog.username.isInvalid()).isTrue();
        assertThat(dialog.username.getErrorMessage())
                .isEqualTo("Bob Invitee has already been invited and has not answered yet");
    }

    @Test
    void an_admin_makes_a_link_sees_it_once_and_revokes_it() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Linked " + Fixtures.username("l"), null, true);
        open(room);
        test(headerButton("invite-button")).click();
        InviteDialog dialog = $(InviteDialog.class).single();
        assertThat(dialog.links.getElement().getTextRecursively()).isEqualTo("No invite links yet.");

        dialog.uses.setValue(1);
        test(dialog.createLink).click();

        assertThat(dialog.newLink.isVisible()).isTrue();
        assertThat(dialog.newLink.getValue()).contains("/invite/pl_");
        assertThat(dialog.links.getElement().getTextRecursively()).contains("0 of 1 used", "expires");
        assertThat(invites.links(me.id(), room.slug())).hasSize(1);

        test(firstRowButton(dialog.links)).click();

        assertThat(invites.links(me.id(), room.slug())).isEmpty();
        assertThat(dialog.links.getElement().getTextRecursively()).isEqualTo("No invite links yet.");
    }
}
