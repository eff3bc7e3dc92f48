package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.InviteExpiry;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.NewInviteLink;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A invites B into a private room by name; B, on another page, sees the invitation arrive, accepts, and they chat; A
 * removes B, and B's open view of the room leaves it at once. An invite link opened in the browser shows the room and
 * joins it only at the click on its button.
 */
class InviteE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    InviteService invites;

    @Test
    void a_invites_b_into_a_private_room_they_chat_and_a_removes_b() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Hideout " + alice.username(), null, true);
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/");

        a.locator("vaadin-button.invite-button").click();
        a.locator("vaadin-combo-box input").fill(bob.username());
        a.locator("vaadin-combo-box-item")
                .filter(new Locator.FilterOptions().setHasText("@" + bob.username()))
                .click();
        a.locator("vaadin-button.invite-send").click();
        assertThat(a.locator(".invite-pending .invite-row")).containsText(bob.username());
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close"))
                .click();

        // Bob sees it arrive without reloading, and accepts from the notifications list.
        assertThat(b.locator("vaadin-notification-card.invite-toast"))
                .containsText(alice.displayName() + " invited you to 🔒 " + room.name());
        assertThat(b.locator(".notification-bell .invite-count")).hasText("1");
        b.locator("#notifications-button").click();
        b.locator("vaadin-button.invitation-accept").click();
        assertThat(b).hasURL(Pattern.compile(".*/rooms/" + room.slug() + "$"));

        Locator bobsComposer = b.locator("vaadin-text-area.composer-input textarea");
        bobsComposer.fill("Thanks for the invite!");
        bobsComposer.press("Enter");
        assertThat(a.locator(".message-body").last()).hasText("Thanks for the invite!");
        Locator alicesComposer = a.locator("vaadin-text-area.composer-input textarea");
        alicesComposer.fill("Welcome, Bob");
        alicesComposer.press("Enter");
        assertThat(b.locator(".message-body").last()).hasText("Welcome, Bob");

        // Alice removes Bob from his row in the members sidebar; Bob's open view leaves the room at once.
        a.locator(".member[data-username='" + bob.username() + "']").click();
        a.locator("vaadin-context-menu-item")
                .filter(new Locator.FilterOptions().setHasText("Remove from room"))
                .click();
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove"))
                .click();

        assertThat(b).hasURL(Pattern.compile(".*127\\.0\\.0\\.1:" + port + "/$"));
        assertThat(b.locator("vaadin-notification-card").last())
                .containsText(alice.displayName() + " removed you from #" + room.name());
        assertThat(b.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText(room.name())))
                .hasCount(0);
        assertThat(a.locator(".member[data-username='" + bob.username() + "']")).hasCount(0);
    }

    @Test
    void opening_an_invite_link_shows_the_room_and_only_the_join_button_lets_b_in() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Back office " + alice.username(), "Invoices and such", true);
        NewInviteLink link = invites.createLink(alice.id(), room.slug(), InviteExpiry.DAY, null);
        Page b = signIn(bob, "/");

        // As a link on another site would open it: a plain navigation, which joins nothing.
        b.navigate(url("/" + link.path()));
        assertThat(b.locator("#invite-link h2")).hasText("You are invited to #" + room.name());
        assertThat(b.locator(".invite-link-details")).hasText("Private room · 1 member");
        assertThat(rooms.open(alice.id(), room.slug()).memberCount()).isEqualTo(1);

        b.locator("#invite-link-join").click();

        assertThat(b).hasURL(Pattern.compile(".*/rooms/" + room.slug() + "$"));
        assertThat(b.locator("vaadin-text-area.composer-input textarea")).isVisible();
        assertThat(rooms.open(alice.id(), room.slug()).memberCount()).isEqualTo(2);
    }
}
