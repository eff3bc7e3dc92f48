package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.base.DataDirectory;
import dev.parley.base.ParleyProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Which store a node starts with: the data folder unless a bucket is set, and no start at all with a bucket that cannot
 * be used, its failure report saying why and what to change.
 */
@ExtendWith(OutputCaptureExtension.class)
class FileStoreConfigurationTest {

    private final Path dataDir =
            Path.of("target", "test-data", "store-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    void without_a_bucket_files_are_kept_in_the_data_folder() {
        try (ConfigurableApplicationContext context = start()) {
            FileStore store = context.getBean(FileStore.class);

            assertThat(store).isInstanceOf(DataFolderStore.class);
            assertThat(store.describe()).isEqualTo("the data folder " + dataDir);
            assertThat(store.staging(FileStore.UPLOADS)).isEqualTo(dataDir.resolve("uploads"));
        }
    }

    @Test
    void with_a_bucket_files_are_kept_there_and_staged_in_the_data_folder() {
        S3TestServer server = S3TestServer.get();
        String bucket = server.createBucket();

        try (ConfigurableApplicationContext context = start(bucketSettings(server, bucket))) {
            FileStore store = context.getBean(FileStore.class);

            assertThat(store).isInstanceOf(S3FileStore.class);
            assertThat(store.describe()).isEqualTo("the bucket " + bucket + " at " + server.endpoint());
            assertThat(store.staging(FileStore.UPLOADS))
                    .isEqualTo(dataDir.resolve("staging").resolve("uploads"));
        }
    }

    @Test
    void a_bucket_that_does_not_exist_stops_the_start_and_the_report_says_what_to_change(CapturedOutput output) {
        S3TestServer server = S3TestServer.get();

        assertThatThrownBy(() -> start(bucketSettings(server, "no-such-bucket")))
                .hasRootCauseInstanceOf(S3Exception.class);

        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START",
                        "Files cannot be stored in the bucket no-such-bucket at " + server.endpoint(),
                        "there is no such bucket. Create it first; Parley never creates one.",
                        "PARLEY_FILES_S3_ENDPOINT and PARLEY_FILES_S3_BUCKET must name a bucket that exists");
    }

    private static List<String> bucketSettings(S3TestServer server, String bucket) {
        return server.arguments(bucket);
    }

    private ConfigurableApplicationContext start() {
        return start(List.of());
    }

    /** The store's configuration as the application has it, with what it needs and nothing else. */
    private ConfigurableApplicationContext start(List<String> settings) {
        List<String> args = new ArrayList<>(settings);
        args.add("--parley.data-dir=" + dataDir);
        SpringApplication application = new SpringApplication(StoreOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args.toArray(String[]::new));
    }

    @EnableConfigurationProperties({ParleyProperties.class, S3Properties.class})
    @Import({DataDirectory.class, FileStoreConfiguration.class})
    static class StoreOnly {}
}
