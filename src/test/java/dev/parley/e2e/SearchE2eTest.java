package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A posts in a room; B searches a word of it in the header, clicks the hit and lands on the message, highlighted. */
class SearchE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Test
    void b_finds_as_message_and_the_hit_opens_the_room_at_it_highlighted() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Search " + alice.username(), null, false);
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/");

        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.fill("The lighthouse keeper signs off at dawn");
        composer.press("Enter");
        assertThat(a.locator(".message-body").last()).containsText("lighthouse keeper");

        b.locator("#search-field input").fill("lighthouse kee");
        Locator hit = b.locator(".search-hit").filter(new Locator.FilterOptions().setHasText(room.name()));
        assertThat(hit).containsText(alice.displayName());
        assertThat(hit.locator("mark").first()).hasText("lighthouse");
        hit.click();

        assertThat(b).hasURL(Pattern.compile(".*/rooms/" + room.slug() + "\\?message=1$"));
        assertThat(b.locator(".message.focused")).containsText("The lighthouse keeper signs off at dawn");
        assertThat(b.locator(".message.focused")).isInViewport();
    }
}
