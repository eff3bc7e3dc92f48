package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Mentioning someone from the keyboard: {@code @b}, Tab, Enter, and the sent message highlights the mention. */
class MentionSuggestionsE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Test
    void a_types_at_b_completes_with_tab_and_sends_a_highlighted_mention() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Mentions " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        Locator suggestions = a.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("People to mention"));
        assertThat(suggestions).isHidden();

        composer.pressSequentially("@b", new Locator.PressSequentiallyOptions().setDelay(40));

        assertThat(suggestions).isVisible();
        Locator options = suggestions.getByRole(AriaRole.OPTION);
        assertThat(options).hasCount(1);
        assertThat(options.first()).containsText(bob.displayName());
        assertThat(options.first()).containsText("@" + bob.username());
        assertThat(options.first()).hasAttribute("aria-selected", "true");

        composer.press("Tab");

        assertThat(composer).hasValue("@" + bob.username() + " ");
        assertThat(suggestions).isHidden();
        // Tab completed instead of moving on, and the caret is after the mention.
        assertThat(composer).isFocused();
        composer.pressSequentially("lunch?", new Locator.PressSequentiallyOptions().setDelay(20));
        assertThat(composer).hasValue("@" + bob.username() + " lunch?");

        composer.press("Enter");

        Locator body = a.locator(".message-body").last();
        assertThat(body).hasText("@" + bob.username() + " lunch?");
        assertThat(body.locator(".mention")).hasText("@" + bob.username());
        assertThat(composer).hasValue("");
        // With nothing suggested, Tab moves the focus on as always.
        composer.press("Tab");
        assertThat(composer).not().isFocused();
    }
}
