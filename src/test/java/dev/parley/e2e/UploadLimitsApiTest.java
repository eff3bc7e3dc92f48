package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.base.DataDirectory;
import dev.parley.e2e.ApiClient.Upload;
import dev.parley.files.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What a post with files costs before it is refused, over real HTTP: the posting limit is one message an hour, so that
 * each test's second post is over it.
 */
@TestPropertySource(properties = {"parley.messages.rate-limit.capacity=1", "parley.messages.rate-limit.period=1h"})
class UploadLimitsApiTest extends ApiTestSupport {

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
