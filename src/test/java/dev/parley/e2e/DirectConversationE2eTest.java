package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A starts a direct conversation with B from the People page; B finds it in the navigation, live, and answers. */
class DirectConversationE2eTest extends BrowserTestSupport {

    @Test
    void a_and_b_start_a_direct_conversation_and_chat() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        Page a = signIn(alice, "/people");
        Page b = signIn(bob, "/");

        a.locator(".member[data-username='" + bob.username() + "'] .message-person")
                .click();

        assertThat(a).hasURL(Pattern.compile(".*/rooms/dm-.*"));
        assertThat(a.locator(".room-title")).hasText(bob.displayName());
        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.fill("Lunch today?");
        composer.press("Enter");

        // Bob's navigation lists the conversation under Direct messages, named after Alice, with one unread.
        Locator inBobsNav = b.locator("#direct-nav vaadin-side-nav-item")
                .filter(new Locator.FilterOptions().setHasText(alice.displayName()));
        assertThat(inBobsNav.locator(".unread-badge")).hasText("1");
        assertThat(b.locator("#room-nav")).not().containsText(alice.displayName());
        inBobsNav.click();
        assertThat(b.locator(".message-body").last()).hasText("Lunch today?");
        Locator bobsComposer = b.locator("vaadin-text-area.composer-input textarea");
        bobsComposer.fill("Sure, at noon");
        bobsComposer.press("Enter");

        assertThat(a.locator(".message-body").last()).hasText("Sure, at noon");
    }
}
