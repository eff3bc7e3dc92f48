package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.base.DataFolderLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code parley files migrate-to-s3}: a data folder's uploads, thumbnails and pictures are copied into a bucket of
 * S3Mock under the same keys, once however often it runs, and every wrong start says why.
 */
class FilesCommandTest {

    private static final String UPLOAD = "0123456789abcdef0123456789abcdef";

    private final S3TestServer server = S3TestServer.get();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path dataDir;
    private String bucket;

    @BeforeEach
    void aDataFolderWithFilesAndAnEmptyBucket() throws IOException {
        dataDir = Files.createDirectories(Path.of("target", "test-data", "migrate-" + UUID.randomUUID()))
                .toAbsolutePath();
        Path uploads = Files.createDirectories(dataDir.resolve("uploads"));
        Path avatars = Files.createDirectories(dataDir.resolve("avatars"));
        Files.write(uploads.resolve(UPLOAD), TestFiles.png(40, 40));
        Files.write(uploads.resolve(UPLOAD + ".thumb"), TestFiles.jpeg(40, 40));
        Files.write(uploads.resolve("fedcba9876543210fedcba9876543210"), TestFiles.pdf());
        Files.write(avatars.resolve("7-3.png"), TestFiles.png(256, 256));
        // An upload a crash interrupted: never an object.
        Files.write(uploads.resolve("upload-123.part"), new byte[] {1, 2});
        bucket = server.createBucket();
    }

    @Test
    void copies_every_upload_thumbnail_and_picture_under_its_key_and_a_second_run_copies_nothing() throws IOException {
        int exit = run("migrate-to-s3");

        assertThat(exit).as(errors()).isZero();
        long bytes = TestFiles.png(40, 40).length
                + TestFiles.jpeg(40, 40).length
                + TestFiles.pdf().length
                + TestFiles.png(256, 256).length;
        assertThat(output())
                .isEqualTo("Copied 4 files (" + Attachment.formatSize(bytes) + ") from the data folder " + dataDir
                        + " to the bucket " + bucket + " at " + server.endpoint()
                        + ": 3 uploads and thumbnails, 1 picture; 0 files were in the bucket already.\n");
        try (S3Client client = server.client()) {
            assertThat(client.listObjectsV2(request -> request.bucket(bucket)).contents())
                    .extracting(S3Object::key)
                    .containsExactlyInAnyOrder(
                            "uploads/" + UPLOAD,
                            "uploads/" + UPLOAD + ".thumb",
                            "uploads/fedcba9876543210fedcba9876543210",
                            "avatars/7-3.png");
            assertThat(client.getObjectAsBytes(request -> request.bucket(bucket).key("avatars/7-3.png"))
                            .asByteArray())
                    .isEqualTo(TestFiles.png(256, 256));
        }
        // The data folder is left as it was: the copy is undone by pointing the nodes back at it.
        assertThat(dataDir.resolve("uploads").resolve(UPLOAD)).hasBinaryContent(TestFiles.png(40, 40));

        out.reset();
        assertThat(run("migrate-to-s3")).isZero();

        assertThat(output()).contains("Copied 0 files (0 B)", "4 files were in the bucket already.");
    }

    @Test
    void an_object_of_another_size_in_the_bucket_is_copied_again() throws IOException {
        assertThat(run("migrate-to-s3")).isZero();
        Files.write(dataDir.resolve("avatars").resolve("7-3.png"), TestFiles.png(128, 128));
        out.reset();

        assertThat(run("migrate-to-s3")).isZero();

        assertThat(output())
                .contains("Copied 1 file (", "0 uploads and thumbnails, 1 picture; 3 files were in the bucket");
        try (S3Client client = server.client()) {
            assertThat(client.getObjectAsBytes(request -> request.bucket(bucket).key("avatars/7-3.png"))
                            .asByteArray())
                    .isEqualTo(TestFiles.png(128, 128));
        }
    }

    @Test
    void without_a_bucket_an_unknown_command_and_a_missing_bucket_it_says_why_and_copies_nothing() {
        assertThat(FilesCommand.run(
                        new String[] {"migrate-to-s3", "--parley.data-dir=" + dataDir}, print(out), print(err)))
                .isEqualTo(2);
        assertThat(errors())
                .startsWith("No bucket to copy into: set PARLEY_FILES_S3_ENDPOINT and PARLEY_FILES_S3_BUCKET");

        err.reset();
        assertThat(FilesCommand.run(new String[] {"copy-everything"}, print(out), print(err)))
                .isEqualTo(2);
        assertThat(errors())
                .startsWith(
                        "Unknown command: files copy-everything\nUsage: java -jar parley.jar files" + " migrate-to-s3");

        err.reset();
        assertThat(FilesCommand.run(new String[0], print(out), print(err))).isEqualTo(2);
        assertThat(errors()).startsWith("No command given.\nUsage: ");

        err.reset();
        bucket = "no-such-bucket";
        assertThat(run("migrate-to-s3")).isEqualTo(2);
        assertThat(errors()).startsWith("Files cannot be stored in the bucket no-such-bucket at ");
        assertThat(output()).isEmpty();
    }

    @Test
    void a_data_folder_that_a_running_parley_holds_is_refused() throws IOException {
        // Held as a running Parley holds it: the lock of the folder's lock file.
        try (FileChannel channel = FileChannel.open(
                        dataDir.resolve(DataFolderLock.FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThat(run("migrate-to-s3")).isEqualTo(2);
        }

        assertThat(errors()).contains(dataDir.toString());
        assertThat(output()).isEmpty();
        try (S3Client client = server.client()) {
            assertThat(client.listObjectsV2(request -> request.bucket(bucket)).contents())
                    .isEmpty();
        }
    }

    private int run(String command) {
        List<String> args = new ArrayList<>(List.of(command, "--parley.data-dir=" + dataDir));
        args.addAll(server.arguments(bucket));
        return FilesCommand.run(args.toArray(String[]::new), print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
