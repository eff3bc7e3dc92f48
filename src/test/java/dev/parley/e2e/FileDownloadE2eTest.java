package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.files.Attachment;
import dev.parley.files.FileService;
import dev.parley.files.TestFiles;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The browser's file URLs ({@code /files/…}) with a signed-in session: members get the file, nobody else does. */
class FileDownloadE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    FileService files;

    @Test
    void a_signed_in_member_gets_the_file_and_its_thumbnail_with_the_sandbox_headers() {
        UserSummary alice = register("alice");
        RoomSummary room = rooms.create(alice.id(), "Photos " + alice.username(), null, false);
        byte[] photo = TestFiles.png(640, 480);
        Attachment image = files.upload(alice.id(), room.id(), "photo.png", TestFiles.stream(photo));
        Attachment pdf = files.upload(alice.id(), room.id(), "plan.pdf", TestFiles.stream(TestFiles.pdf()));
        messages.post(alice.id(), room.id(), "look", List.of(image.id(), pdf.id()));
        Page page = signIn(alice, "/rooms/" + room.slug());

        APIResponse original = page.request().get(url(image.url()));
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(photo);
        assertThat(original.headers())
                .containsEntry("content-type", "image/png")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry(
                        "content-security-policy",
                        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
                .containsEntry("cache-control", "private, no-cache");
        assertThat(original.headers().get("content-disposition")).startsWith("inline; ");

        APIResponse thumbnail = page.request().get(url(image.thumbnailUrl()));
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.headers())
                .containsEntry("content-type", "image/jpeg")
                .containsEntry("cache-control", "private, max-age=31536000, immutable");

        APIResponse document = page.request().get(url(pdf.url()));
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.headers().get("content-disposition")).startsWith("attachment; ");
    }

    @Test
    void a_non_member_a_member_who_left_and_a_signed_out_browser_get_404_not_a_sign_in_page() throws Exception {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        UserSummary outsider = register("outsider");
        RoomSummary room = rooms.create(alice.id(), "Leaving " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        Attachment image = files.upload(alice.id(), room.id(), "photo.png", TestFiles.stream(TestFiles.png(50, 50)));
        messages.post(alice.id(), room.id(), "", List.of(image.id()));
        Page bobs = signIn(bob, "/");
        Page outsiders = signIn(outsider, "/");
        assertThat(bobs.request().get(url(image.url())).status()).isEqualTo(200);

        members.leave(bob.id(), room.slug());

        for (String path : List.of(image.url(), image.thumbnailUrl(), "/files/" + Long.MAX_VALUE)) {
            assertThat(bobs.request().get(url(path)).status()).as(path).isEqualTo(404);
            assertThat(outsiders.request().get(url(path)).status()).as(path).isEqualTo(404);
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(404);
            assertThat(anonymous.headers().firstValue("Location")).isEmpty();
        }
    }
}
