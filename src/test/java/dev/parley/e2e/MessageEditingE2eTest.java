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

/** Two people in a room: one edits and deletes a message, the other sees both live; Markdown as it renders. */
class MessageEditingE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Test
    void author_edits_and_deletes_and_the_other_member_sees_both_live() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Planning " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());

        // A posts Markdown with a mention; both see it rendered.
        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.fill("Meeting at *3pm*, @" + bob.username());
        composer.press("Enter");
        Locator bobsView = b.locator(".message").last();
        assertThat(bobsView.locator(".message-body em")).hasText("3pm");
        assertThat(bobsView.locator(".message-body .mention")).hasText("@" + bob.username());

        // B may neither edit nor delete A's message: the buttons are not there for B.
        bobsView.hover();
        assertThat(bobsView.locator("[data-action=edit]")).isHidden();
        assertThat(bobsView.locator("[data-action=delete]")).isHidden();

        // A edits through the dialog; Enter saves.
        Locator alicesView = a.locator(".message.mine").last();
        alicesView.hover();
        alicesView
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit message"))
                .click();
        Locator editor = a.locator("vaadin-text-area.edit-message-input textarea");
        assertThat(editor).hasValue("Meeting at *3pm*, @" + bob.username());
        editor.fill("Meeting at **4pm**, @" + bob.username());
        editor.press("Enter");
        assertThat(editor).isHidden();

        assertThat(bobsView.locator(".message-body strong")).hasText("4pm");
        assertThat(bobsView.locator(".message-body em")).hasCount(0);
        assertThat(bobsView.locator(".message-edited")).hasText("(edited)");
        assertThat(bobsView.locator(".message-edited")).hasAttribute("title", Pattern.compile("^Edited \\d"));
        assertThat(alicesView.locator(".message-body strong")).hasText("4pm");

        // A deletes after confirming; B sees the tombstone in its place.
        alicesView.hover();
        alicesView
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete message"))
                .click();
        a.locator("vaadin-confirm-dialog vaadin-button[slot=confirm-button], vaadin-button[slot=confirm-button]")
                .first()
                .click();

        assertThat(bobsView.locator(".message-tombstone")).hasText("message deleted");
        assertThat(b.locator(".message-items")).not().containsText("4pm");
        assertThat(bobsView.locator("button")).hasCount(0);
        assertThat(alicesView.locator(".message-tombstone")).hasText("message deleted");
        assertThat(b.locator(".message")).hasCount(1);
    }
}
