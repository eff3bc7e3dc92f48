package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two people in one room: one types, the other sees it under the message list until it is over. */
class TypingIndicatorE2eTest extends BrowserTestSupport {

    /**
     * Well under the 2 s after which typing runs out by itself: clearing this fast is the message or the leaving that
     * did it.
     */
    private static final LocatorAssertions.IsEmptyOptions AT_ONCE =
            new LocatorAssertions.IsEmptyOptions().setTimeout(1000);

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Test
    void b_sees_a_typing_and_it_clears_as_soon_as_a_sends() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Typing " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());
        Locator shownToA = a.locator(".typing-indicator");
        Locator shownToB = b.locator(".typing-indicator");
        assertThat(shownToB).isEmpty();

        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.pressSequentially("Hello Bob", new Locator.PressSequentiallyOptions().setDelay(40));

        assertThat(shownToB).hasText(alice.displayName() + " is typing…");
        assertThat(shownToB).hasAttribute("aria-live", "polite");
        assertThat(shownToA).isEmpty();

        composer.press("Enter");

        assertThat(b.locator(".message-body").last()).hasText("Hello Bob");
        assertThat(shownToB).isEmpty(AT_ONCE);
        assertThat(composer).hasValue("");
    }

    @Test
    void typing_runs_out_after_a_pause_and_ends_when_the_typist_leaves() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Pauses " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());
        Locator shownToB = b.locator(".typing-indicator");
        Locator composer = a.locator("vaadin-text-area.composer-input textarea");

        // A starts a message and stops: it runs out 2 s after the last keystroke reached the server.
        composer.pressSequentially("Just a thought", new Locator.PressSequentiallyOptions().setDelay(40));
        assertThat(shownToB).hasText(alice.displayName() + " is typing…");
        assertThat(shownToB).isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(6000));
        assertThat(b.locator(".message")).hasCount(0);

        // A types on and goes to the lobby while typing: it ends at once.
        composer.pressSequentially(", and another", new Locator.PressSequentiallyOptions().setDelay(40));
        assertThat(shownToB).hasText(alice.displayName() + " is typing…");
        composer.pressSequentially(" one", new Locator.PressSequentiallyOptions().setDelay(40));
        a.locator("vaadin-side-nav-item")
                .filter(new Locator.FilterOptions().setHasText("Lobby"))
                .click();

        assertThat(shownToB).isEmpty(AT_ONCE);
    }
}
