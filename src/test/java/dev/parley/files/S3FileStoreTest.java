package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.files.FileStore.StoredObject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The bucket store against S3Mock, a real S3-compatible server on 127.0.0.1: objects under the data folder's keys, and
 * a start refused in words when the bucket cannot be used.
 */
class S3FileStoreTest {

    @TempDir
    Path staging;

    private final S3TestServer server = S3TestServer.get();

    @Test
    void a_staged_file_becomes_an_object_under_its_key_and_is_read_listed_and_deleted_there() throws IOException {
        String bucket = server.createBucket();
        Instant before = Instant.now().minusSeconds(2);
        try (S3FileStore store = S3FileStore.connect(properties(server.endpoint(), bucket), staging)) {
            assertThat(store.staging(FileStore.UPLOADS))
                    .isEqualTo(staging.resolve("uploads"))
                    .isDirectory();
            assertThat(store.staging(FileStore.AVATARS))
                    .isEqualTo(staging.resolve("avatars"))
                    .isDirectory();
            Path staged = Files.write(
                    Files.createTempFile(store.staging(FileStore.UPLOADS), "upload-", ".part"), TestFiles.pdf());

            store.put(staged, "uploads/0123456789abcdef0123456789abcdef");

            assertThat(staged).as("taken from the staging folder").doesNotExist();
            try (S3Client client = server.client()) {
                ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(
                        request -> request.bucket(bucket).key("uploads/0123456789abcdef0123456789abcdef"));
                assertThat(object.asByteArray()).isEqualTo(TestFiles.pdf());
            }
            Resource opened =
                    store.open("uploads/0123456789abcdef0123456789abcdef").orElseThrow();
            assertThat(opened.contentLength()).isEqualTo(TestFiles.pdf().length);
            // Read twice, as a download answered again would.
            for (int i = 0; i < 2; i++) {
                try (InputStream in = opened.getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(TestFiles.pdf());
                }
            }
            assertThat(store.open("uploads/fedcba9876543210fedcba9876543210")).isEmpty();
            assertThat(store.list(FileStore.UPLOADS)).singleElement().satisfies(object -> {
                assertThat(object.name()).isEqualTo("0123456789abcdef0123456789abcdef");
                assertThat(object.size()).isEqualTo(TestFiles.pdf().length);
                assertThat(object.written()).isBetween(before, Instant.now().plus(Duration.ofSeconds(2)));
            });
            assertThat(store.list(FileStore.AVATARS)).isEmpty();

            store.delete("uploads/0123456789abcdef0123456789abcdef");
            store.delete("uploads/0123456789abcdef0123456789abcdef");

            assertThat(store.open("uploads/0123456789abcdef0123456789abcdef")).isEmpty();
            assertThat(store.list(FileStore.UPLOADS)).isEmpty();
            assertThatThrownBy(opened::getInputStream)
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessage("uploads/0123456789abcdef0123456789abcdef is no longer in " + store.describe());
        }
    }

    @Test
    void a_listing_goes_past_a_page_of_a_thousand_objects() throws IOException {
        String bucket = server.createBucket();
        try (S3FileStore store = S3FileStore.connect(properties(server.endpoint(), bucket), staging)) {
            Path one = Files.write(staging.resolve("one.part"), new byte[] {1});
            for (int i = 0; i < 1001; i++) {
                store.upload(one, "avatars/" + i + "-1.png");
            }

            assertThat(store.list(FileStore.AVATARS))
                    .hasSize(1001)
                    .extracting(StoredObject::name)
                    .contains("0-1.png", "1000-1.png");
        }
    }

    @Test
    void a_bucket_that_does_not_exist_stops_the_start_saying_so() {
        assertThatThrownBy(() -> S3FileStore.connect(properties(server.endpoint(), "no-such-bucket"), staging))
                .isInstanceOf(FileStoreSetUpException.class)
                .hasMessage("Files cannot be stored in the bucket no-such-bucket at " + server.endpoint()
                        + " (parley.files.s3.bucket, .endpoint): there is no such bucket. Create it first; Parley"
                        + " never creates one.");
    }

    @Test
    void an_endpoint_nothing_answers_on_stops_the_start_saying_so() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + S3TestServer.freePort());

        assertThatThrownBy(() -> S3FileStore.connect(properties(nobody, "parley"), staging))
                .isInstanceOf(FileStoreSetUpException.class)
                .hasMessageStartingWith("Cannot reach the S3 endpoint " + nobody
                        + " (parley.files.s3.endpoint) to store files in the bucket parley: ");
    }

    @Test
    void the_start_failure_report_says_what_to_change() {
        FileStoreSetUpException failure = new FileStoreSetUpException("no bucket", new IllegalStateException());

        FailureAnalysis analysis = new FileStoreSetUpFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("no bucket");
        assertThat(analysis.getAction()).contains("PARLEY_FILES_S3_ENDPOINT", "PARLEY_FILES_S3_BUCKET");
    }

    private static S3Properties properties(URI endpoint, String bucket) {
        return new S3Properties(
                endpoint, bucket, S3TestServer.REGION, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
    }
}
