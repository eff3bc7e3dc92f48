package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.files.AvatarService;
import dev.parley.files.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /avatars/{id}} over HTTP: any signed-in browser gets a user's picture, cached for good under its versioned
 * URL; a user without one is a 404; a signed-out browser is sent to sign in, like for every page of the application.
 */
class AvatarDownloadE2eTest extends BrowserTestSupport {

    @Autowired
    AvatarService avatars;

    @Test
    void a_signed_in_user_gets_anyones_picture_with_immutable_caching_and_nosniff() throws IOException {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        UserSummary withPicture = avatars.upload(alice.id(), "alice.png", TestFiles.stream(TestFiles.png(640, 480)));
        Page bobs = signIn(bob, "/");

        APIResponse picture = bobs.request().get(url(withPicture.avatarUrl()));

        assertThat(picture.status()).isEqualTo(200);
        assertThat(picture.headers())
                .containsEntry("content-type", "image/jpeg")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("cache-control", "private, max-age=31536000, immutable");
        var image = ImageIO.read(new ByteArrayInputStream(picture.body()));
        assertThat(image.getWidth()).isEqualTo(AvatarService.SIZE);
        assertThat(image.getHeight()).isEqualTo(AvatarService.SIZE);
        // Without the current version (an old URL, or none) the answer may not be kept: it would outlive its picture.
        for (String stale : List.of(
                "/avatars/" + alice.id().value(), "/avatars/" + alice.id().value() + "?v=7")) {
            APIResponse uncached = bobs.request().get(url(stale));
            assertThat(uncached.status()).as(stale).isEqualTo(200);
            assertThat(uncached.headers()).containsEntry("cache-control", "private, no-cache");
        }
    }

    @Test
    void no_picture_is_a_404_and_a_signed_out_browser_is_sent_to_sign_in() throws Exception {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        UserSummary withPicture = avatars.upload(alice.id(), "alice.png", TestFiles.stream(TestFiles.png(50, 50)));
        Page bobs = signIn(bob, "/");

        assertThat(bobs.request().get(url("/avatars/" + bob.id().value())).status())
                .isEqualTo(404);
        assertThat(bobs.request().get(url("/avatars/" + Long.MAX_VALUE)).status())
                .isEqualTo(404);
        assertThat(bobs.request().get(url("/avatars/not-a-user")).status()).isEqualTo(404);
        avatars.remove(alice.id());
        assertThat(bobs.request().get(url(withPicture.avatarUrl())).status()).isEqualTo(404);

        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(url("/avatars/" + alice.id().value())))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }
}
