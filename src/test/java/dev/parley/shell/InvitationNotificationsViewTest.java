package dev.parley.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ui.RoomView;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Invitations as the invitee sees them: live on the notifications button, in its list and in a toast. */
class InvitationNotificationsViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    InviteService invites;

    @Test
    void an_invitation_arrives_live_and_accepting_it_opens_the_private_room() {
        UserSummary me = signIn("invitee");
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Hidden " + Fixtures.username("h"), null, true);
        navigate("", LobbyView.class);
        assertThat(layout().notifications.inviteCount.isVisible()).isFalse();

        invites.invite(admin.id(), room.slug(), me.username());

        awaitUi(() -> layout().notifications.inviteCount.isVisible());
        assertThat(layout().notifications.inviteCount.getText()).isEqualTo("1");
        assertThat(layout().notifications.button.getAriaLabel()).hasValue("Notifications, 1 invitation");
        assertThat($(Notification.class).all()).singleElement().satisfies(toast -> {
            assertThat(toast.getClassNames()).contains("invite-toast");
            assertThat(toast.getElement().getTextRecursively())
                    .contains(admin.displayName() + " invited you to 🔒 " + room.name());
        });

        test(layout().notifications.button).click();
        assertThat(layout().notifications.panel().invitations.getChildren())
                .singleElement()
                .satisfies(entry ->
                        assertThat(entry.getElement().getAttribute("data-room")).isEqualTo(room.slug()));
        test(button("invitation-accept")).click();

        assertThat(getCurrentView()).isInstanceOf(RoomView.class);
        assertThat(rooms.open(me.id(), room.slug()).member()).isTrue();
        assertThat(layout().notifications.inviteCount.isVisible()).isFalse();
        awaitUi(() ->
                layout().roomNav.getItems().stream().map(SideNavItem::getLabel).anyMatch(room.name()::equals));
    }

    @Test
    void declining_takes_the_invitation_away_and_the_room_stays_hidden() {
        UserSummary me = signIn("decliner");
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Nope " + Fixtures.username("n"), null, true);
        invites.invite(admin.id(), room.slug(), me.username());
        // Listed after a reload too: the page reads them when it opens.
        navigate("", LobbyView.class);
        assertThat(layout().notifications.inviteCount.getText()).isEqualTo("1");

        test(layout().notifications.button).click();
        test(button("invitation-decline")).click();

        assertThat(layout().notifications.inviteCount.isVisible()).isFalse();
        assertThat(layout().notifications.panel().invitations.getChildren()).isEmpty();
        assertThat(invites.invitations(me.id())).isEmpty();
        assertThat(rooms.visibleRooms(me.id())).extracting(RoomSummary::slug).doesNotContain(room.slug());
    }

    private Button button(String className) {
        return $(Button.class)
                .from(layout().notifications.panel().invitations)
                .withClassName(className)
                .single();
    }

    private MainLayout layout() {
        return $(MainLayout.class).single();
    }
}
