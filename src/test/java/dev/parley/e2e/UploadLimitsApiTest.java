package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.base.DataDirectory;
import dev.parley.e2e.ApiClient.Upload;
import dev.parley.files.BusyDecoders;
import dev.parley.files.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What a post with files costs before it is refused, over real HTTP: the posting limit is one message an hour, so that
 * each test's second post is over it, and there is one image decoder, which an upload waits for at most a second.
 */
@TestPropertySource(
        properties = {
            "parley.messages.rate-limit.capacity=1",
            "parley.messages.rate-limit.period=1h",
            "parley.files.image-decoders=1",
            "parley.files.image-decoder-wait=1s"
        })
class UploadLimitsApiTest extends ApiTestSupport {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataDirectory dataDirectory;

    @Test
    void a_post_over_the_posting_limit_is_refused_before_any_of_its_files_is_read() throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Limit", false);
        String path = "/api/rooms/" + slug + "/messages";
        api.post(alice, slug, "my one message this hour");
        long storedBefore = storedFiles();

        // An image that cannot be read: refused as such (415) if anything looked at it before the limit.
        ApiClient.Answer over = api.multipart(
                path,
                alice,
                "three more",
                List.of(
                        new Upload("a.png", "image/png", TestFiles.png(1200, 900)),
                        new Upload("broken.png", "image/png", brokenPng()),
                        new Upload("c.png", "image/png", TestFiles.png(1200, 900))));

        assertThat(over.status()).isEqualTo(429);
        assertThat(over.error()).startsWith("You can send again in ");
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        assertThat(storedFiles()).isEqualTo(storedBefore);
        assertThat(api.call("GET", path, alice, null).body().size()).isEqualTo(1);
    }

    @Test
    void with_every_decoder_busy_a_post_over_the_limit_is_answered_429_without_waiting_for_one() throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Busy limit", false);
        api.post(alice, slug, "my one message this hour");

        ApiClient.Answer over;
        try (BusyDecoders busy = BusyDecoders.hold(context)) {
            over = api.multipart(
                    "/api/rooms/" + slug + "/messages",
                    alice,
                    "",
                    List.of(new Upload("photo.png", "image/png", TestFiles.png(800, 600))));
        }

        // Had its image been decoded first, it would have waited for the decoder and answered 503.
        assertThat(over.status()).isEqualTo(429);
    }

    @Test
    void an_image_that_finds_no_free_decoder_in_time_answers_503_with_retry_after_and_nothing_is_posted_or_kept()
            throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Busy", false);
        String path = "/api/rooms/" + slug + "/messages";
        long storedBefore = storedFiles();
        List<Upload> files = List.of(
                new Upload("notes.txt", "text/plain", TestFiles.text("minutes")),
                new Upload("photo.png", "image/png", TestFiles.png(800, 600)));

        ApiClient.Answer busy;
        try (BusyDecoders held = BusyDecoders.hold(context)) {
            busy = api.multipart(path, alice, "the photo", files);
        }

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(busy.error())
                .isEqualTo("The server is busy with other images: photo.png was not stored. Try again in 1 s");
        assertThat(api.call("GET", path, alice, null).body().size()).isZero();
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    /** A PNG signature and the header of a small image, then garbage where its data should be. */
    private static byte[] brokenPng() {
        byte[] header = TestFiles.pngDeclaring(10, 10);
        byte[] broken = Arrays.copyOf(header, 33 + 40);
        Arrays.fill(broken, 33, broken.length, (byte) 0x55);
        return broken;
    }

    private long storedFiles() throws IOException {
        try (Stream<java.nio.file.Path> list = Files.list(dataDirectory.resolve("uploads"))) {
            return list.count();
        }
    }
}
