package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A moderates B in a real browser, each on their own page: A mutes B, and B's open composer says until when; A renames
 * the room, and B sees the new name in the header and the navigation; A bans B, and B's view leaves the room and
 * joining again says why not.
 */
class ModerationE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Test
    void a_mutes_renames_and_bans_and_b_sees_each_live() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Townhall " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());
        assertThat(b.locator(".muted-notice")).isHidden();

        // A mutes B for the default hour from B's row in the members sidebar.
        a.locator(".member[data-username='" + bob.username() + "']").click();
        a.locator("vaadin-context-menu-item")
                .filter(new Locator.FilterOptions().setHasText("Mute…"))
                .click();
        a.locator("vaadin-text-field.mute-reason input").fill("cool down");
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute").setExact(true))
                .click();

        assertThat(b.locator(".muted-notice")).isVisible();
        assertThat(b.locator(".muted-notice"))
                .containsText(Pattern.compile("You are muted until \\d\\d:\\d\\d|\\d{4}"));
        assertThat(b.locator("vaadin-text-area.composer-input")).hasAttribute("disabled", "");

        // A renames the room; the address stays, and B's header and navigation show the new name.
        a.locator("vaadin-button.settings-button").click();
        Locator name = a.locator("vaadin-text-field.settings-name input");
        name.fill("Town square");
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close"))
                .click();

        assertThat(b.locator(".room-title")).hasText("#Town square");
        assertThat(b.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText("Town square")))
                .hasCount(1);
        assertThat(b).hasURL(Pattern.compile(".*/rooms/" + room.slug() + "(\\?.*)?$"));

        // A bans B: B's view leaves the room at once, and joining it again from the lobby says why not.
        a.locator(".member[data-username='" + bob.username() + "']").click();
        a.locator("vaadin-context-menu-item")
                .filter(new Locator.FilterOptions().setHasText("Ban…"))
                .click();
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ban").setExact(true))
                .click();

        assertThat(b).hasURL(Pattern.compile(".*127\\.0\\.0\\.1:" + port + "/$"));
        assertThat(b.locator("vaadin-notification-card").last())
                .containsText(alice.displayName() + " banned you from #Town square");
        assertThat(a.locator(".member[data-username='" + bob.username() + "']")).hasCount(0);
        b.locator(".room-card[data-slug='" + room.slug() + "'] vaadin-button.join-button")
                .click();
        assertThat(b.locator("vaadin-notification-card").last()).containsText("You are banned from #Town square");
        assertThat(b).hasURL(Pattern.compile(".*127\\.0\\.0\\.1:" + port + "/$"));
    }
}
