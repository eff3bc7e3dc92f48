package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The room's side of invitations, links, removal and roles: the invite dialog and the members' menus. */
class InvitesViewTest extends RoomViewTestSupport {

    @Autowired
    InviteService invites;

    @Autowired
    LocalBroadcaster broadcaster;

    @Test
    void an_admin_invites_someone_picked_from_the_suggestions_and_sees_them_pending() {
        UserSummary me = signIn("admin");
        String word = "inv" + Fixtures.username("x").substring(2, 10).replace("-", "");
        UserSummary bob = accounts.register(word + "bob", "Bob Invitee", Fixtures.PASSWORD);
        RoomSummary room = rooms.create(me.id(), "Secret " + Fixtures.username("s"), null, true);
        RoomPanel panel = open(room);
        assertThat(shown(panel.inviteButton)).isTrue();

        test(panel.inviteButton).click();
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
        RoomPanel panel = open(room);
        test(panel.inviteButton).click();
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

    @Test
    void a_plain_member_gets_no_invite_button_and_no_member_menus() {
        UserSummary me = signIn("member");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Plain " + Fixtures.username("p"), null, false);
        members.join(me.id(), room.slug());

        RoomPanel panel = open(room);

        assertThat(shown(panel.inviteButton)).isFalse();
        assertThat(panel.members.menuOf(owner.username())).isNull();
        assertThat(panel.members.menuOf(me.username())).isNull();
    }

    @Test
    void an_admin_removes_a_member_from_the_members_menu_after_confirming() {
        UserSummary me = signIn("admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(me.id(), "Tidy " + Fixtures.username("t"), null, false);
        members.join(bob.id(), room.slug());
        RoomPanel panel = open(room);
        ContextMenu menu = menu(panel, bob);
        assertThat(labels(menu)).containsExactly("Make admin", "Make moderator", "Mute…", "Remove from room", "Ban…");
        // No removing oneself from the menu: one leaves instead.
        assertThat(labels(panel.members.menuOf(me.username()))).containsExactly("Make moderator", "Make member");

        test(menu).clickItem("Remove from room");
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Remove " + bob.displayName() + "?");
        test(confirm).confirm();

        assertThat(members.members(me.id(), room.id()))
                .extracting(m -> m.user().id())
                .containsExactly(me.id());
        awaitUi(() -> !panel.members.shownUsernames().contains(bob.username()));
    }

    @Test
    void an_admin_makes_a_member_moderator_and_the_row_shows_it() {
        UserSummary me = signIn("admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(me.id(), "Roles " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        RoomPanel panel = open(room);

        test(menu(panel, bob)).clickItem("Make moderator");

        assertThat(rooms.open(bob.id(), room.slug()).role()).isEqualTo(RoomRole.MODERATOR);
        awaitUi(() -> rowText(panel, bob).contains("moderator"));
        awaitUi(() -> labels(panel.members.menuOf(bob.username())).contains("Make member"));
    }

    @Test
    void the_last_admin_stepping_down_is_told_to_make_someone_else_admin_first() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Alone " + Fixtures.username("a"), null, false);
        RoomPanel panel = open(room);

        test(menu(panel, me)).clickItem("Make member");
        test(panel.leaveButton).click();

        assertThat(notifications()).contains(Memberships.LAST_ADMIN);
        assertThat(rooms.open(me.id(), room.slug()).role()).isEqualTo(RoomRole.ADMIN);
    }

    @Test
    void a_moderator_may_remove_members_but_gets_no_menu_on_admins() {
        UserSummary me = signIn("mod");
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(owner.id(), "Modded " + Fixtures.username("m"), null, false);
        members.join(me.id(), room.slug());
        members.join(bob.id(), room.slug());
        members.changeRole(owner.id(), room.slug(), me.username(), RoomRole.MODERATOR);

        RoomPanel panel = open(room);

        assertThat(panel.members.menuOf(owner.username())).isNull();
        assertThat(labels(panel.members.menuOf(bob.username()))).containsExactly("Mute…", "Remove from room", "Ban…");
        assertThat(shown(panel.inviteButton)).isFalse();
    }

    @Test
    void a_member_made_admin_elsewhere_gets_the_invite_button_at_once() {
        UserSummary me = signIn("rising");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Rise " + Fixtures.username("r"), null, false);
        members.join(me.id(), room.slug());
        RoomPanel panel = open(room);
        assertThat(shown(panel.inviteButton)).isFalse();

        members.changeRole(owner.id(), room.slug(), me.username(), RoomRole.ADMIN);

        awaitUi(() -> shown(panel.inviteButton));
        awaitUi(() -> panel.members.menuOf(owner.username()) != null);
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

    /** The member's menu, opened as a click on their row opens it (an overlay is added to the page only then). */
    private ContextMenu menu(RoomPanel panel, UserSummary member) {
        ContextMenu menu = panel.members.menuOf(member.username());
        assertThat(menu).as("menu of " + member.username()).isNotNull();
        test(menu).open();
        return menu;
    }

    /** The texts of the notifications shown: {@code Notification.show} puts it in a property. */
    private List<String> notifications() {
        return $(Notification.class).all().stream()
                .map(n ->
                        n.getElement().getProperty("text", "") + n.getElement().getTextRecursively())
                .toList();
    }

    private static List<String> labels(ContextMenu menu) {
        return menu.getItems().stream().map(MenuItem::getText).toList();
    }

    private static String rowText(RoomPanel panel, UserSummary user) {
        return panel.members.rowHtml(user.username());
    }
}
