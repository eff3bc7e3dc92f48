package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.accounts.UserSummary;
import dev.parley.files.TestFiles;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A drops an image and picks a PDF, sees them upload, sends; B sees the thumbnail and the link live, and zooms in. */
class FileSharingE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Test
    void a_shares_an_image_and_a_pdf_and_b_sees_both_live_and_opens_the_image() {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Files " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Page a = signIn(alice, "/rooms/" + room.slug());
        Page b = signIn(bob, "/rooms/" + room.slug());

        // A real drop of an image anywhere on the conversation, as the browser delivers it from the desktop.
        String png = Base64.getEncoder().encodeToString(TestFiles.png(320, 200));
        JSHandle dropped = a.evaluateHandle(
                "png => { const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));"
                        + " const transfer = new DataTransfer();"
                        + " transfer.items.add(new File([bytes], 'chart.png', {type: 'image/png'}));"
                        + " return transfer; }",
                png);
        Locator dropZone = a.locator(".room-drop-zone");
        dropZone.dispatchEvent("dragenter", Map.of("dataTransfer", dropped));
        dropZone.dispatchEvent("dragover", Map.of("dataTransfer", dropped));
        dropZone.dispatchEvent("drop", Map.of("dataTransfer", dropped));
        // And a PDF through the paperclip's file picker.
        FileChooser chooser =
                a.waitForFileChooser(() -> a.locator(".attach-button").click());
        chooser.setFiles(new FilePayload("report.pdf", "application/pdf", TestFiles.pdf()));

        // Each file is listed with its progress bar until it is complete.
        Locator listed = a.locator(".composer-files vaadin-upload-file");
        assertThat(listed).hasCount(2);
        assertThat(a.locator(".composer-files vaadin-upload-file vaadin-progress-bar"))
                .hasCount(2);
        assertThat(a.locator(".composer-files vaadin-upload-file[complete]")).hasCount(2);

        Locator composer = a.locator("vaadin-text-area.composer-input textarea");
        composer.fill("quarterly numbers");
        composer.press("Enter");
        assertThat(listed).hasCount(0);

        // B sees the message with both files at once; the thumbnail has really loaded.
        Locator message = b.locator(".message").last();
        assertThat(message.locator(".message-body")).hasText("quarterly numbers");
        Locator thumbnail = message.locator(".attachment-image img");
        assertThat(thumbnail).hasAttribute("alt", "chart.png");
        b.waitForFunction("img => img.complete && img.naturalWidth > 0", thumbnail.elementHandle());
        assertThat(message.locator("a.attachment-file")).containsText("report.pdf");

        message.locator(".attachment-image").click();

        Locator full = b.locator("vaadin-dialog-overlay .image-full, .image-dialog .image-full");
        assertThat(full.first()).isVisible();
        b.waitForFunction(
                "img => img.complete && img.naturalWidth === 320", full.first().elementHandle());
        assertThat(b.locator(".message .attachment-image img").count()).isEqualTo(1);
    }
}
