package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A mentions B in a room B is not looking at: B's badges rise, a toast pops up, and the list leads to the room. */
class MentionNotificationsE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Test
    void a_mention_of_b_raises_bs_badge_and_the_notification_leads_to_the_room() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Mentions " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/");
        Locator roomInBobsNav =
                b.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText(room.name()));
        Locator bell = b.locator("#notifications-button");
        assertThat(roomInBobsNav.locator(".mention-badge")).isHidden();

        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.fill("@" + bob.username() + " can you check the build?");
        composer.press("Enter");

        // Alice sees the mention highlighted; Bob, in the lobby, sees his badges rise and a toast.
        assertThat(a.locator(".message-body .mention").last()).hasText("@" + bob.username());
        assertThat(roomInBobsNav.locator(".mention-badge")).hasText("@1");
        assertThat(b.locator(".room-card[data-slug='" + room.slug() + "'] .mention-badge"))
                .hasText("@1");
        assertThat(b.locator(".notification-bell .notification-count")).hasText("@1");
        assertThat(b.locator("vaadin-notification-card.mention-toast"))
                .containsText(alice.displayName() + " mentioned you in #" + room.name());

        bell.click();
        Locator entry = b.locator(".notification-entry.unread");
        assertThat(entry).containsText("can you check the build?");
        entry.click();

        // The entry opens the room; reading it clears the mention everywhere.
        assertThat(b).hasURL(Pattern.compile(".*/rooms/" + room.slug() + "$"));
        assertThat(b.locator(".message-body").last()).containsText("can you check the build?");
        assertThat(b.locator(".notification-bell .notification-count")).isHidden();
        b.locator("vaadin-side-nav-item")
                .filter(new Locator.FilterOptions().setHasText("Lobby"))
                .click();
        assertThat(roomInBobsNav.locator(".mention-badge")).isHidden();
        assertThat(b.locator(".room-card[data-slug='" + room.slug() + "'] .mention-badge"))
                .isHidden();
    }
}
