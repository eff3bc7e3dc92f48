package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In a real browser: the palette on hover, the emoji reaching the server, the chip live in another member's view. */
class MessageReactionsE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Test
    void a_member_reacts_from_the_palette_the_other_sees_it_live_and_clicking_the_chip_takes_it_back() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Emoji " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "Release 1.0 is out");
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());
        Locator alicesView = a.locator(".message").last();
        Locator bobsView = b.locator(".message").last();
        assertThat(bobsView.locator(".message-body")).hasText("Release 1.0 is out");

        bobsView.hover();
        bobsView.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("React with 🎉"))
                .click();

        Locator chip = alicesView.locator(".reaction[data-emoji='🎉']");
        assertThat(chip).hasText("🎉 1");
        assertThat(chip).hasAttribute("title", bob.displayName());
        Locator bobsChip = bobsView.locator(".reaction[data-emoji='🎉']");
        assertThat(bobsChip).hasText("🎉 1");

        bobsChip.click();

        assertThat(alicesView.locator(".reaction")).hasCount(0);
        assertThat(bobsView.locator(".reaction")).hasCount(0);
    }
}
