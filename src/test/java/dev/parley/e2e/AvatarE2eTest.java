package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.accounts.UserSummary;
import dev.parley.files.TestFiles;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A changes picture and name on the Profile page; B, with the room open, sees both on A's message and member row. */
class AvatarE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Test
    void b_sees_as_new_picture_and_name_live_on_as_message_and_in_the_members_sidebar() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Faces " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "hello from Alice");
        Page b = signIn(bob, "/rooms/" + room.slug());
        Locator message = b.locator(".message").filter(new Locator.FilterOptions().setHasText("hello from Alice"));
        Locator member = b.locator("#members .member[data-username=" + alice.username() + "]");
        assertThat(message.locator("span.avatar")).hasText("AT");
        assertThat(member).isVisible();
        // Gone after a reload: this shows that what follows happens live.
        b.evaluate("window.parleyNotReloaded = true");

        Page a = signIn(alice, "/profile");
        FileChooser chooser =
                a.waitForFileChooser(() -> a.locator("#upload-picture").click());
        chooser.setFiles(new FilePayload("alice.png", "image/png", TestFiles.png(400, 300)));
        // A's own preview shows the picture once it is stored.
        assertThat(a.locator("#profile-picture"))
                .hasAttribute("img", "/avatars/" + alice.id().value() + "?v=1");
        a.locator("#display-name input").fill("Alice Renamed");
        a.locator("#save-name").click();
        assertThat(a.locator(".user-name")).hasText("Alice Renamed");

        Locator picture = message.locator("img.avatar");
        assertThat(picture).hasAttribute("alt", "");
        b.waitForFunction("img => img.complete && img.naturalWidth > 0", picture.elementHandle());
        assertThat(message.locator(".message-author")).hasText("Alice Renamed");
        assertThat(member.locator(".member-name")).hasText("Alice Renamed");
        b.waitForFunction(
                "img => img.complete && img.naturalWidth > 0",
                member.locator("img.avatar").elementHandle());
        assertThat(b.evaluate("window.parleyNotReloaded === true")).isEqualTo(true);
    }
}
