package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.files.S3TestBucket;
import dev.parley.files.S3TestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every test of {@link FileApiTest} with the files in a bucket of S3Mock, a real S3-compatible server on 127.0.0.1:
 * downloads stream through Parley with the same checks and headers (nosniff, the sandbox, the disposition, caching, the
 * ETag), and outsiders get the same 404.
 */
@ContextConfiguration(initializers = S3TestBucket.class)
class FileApiS3Test extends FileApiTest {

    @Autowired
    Environment environment;

    @Test
    void the_store_is_this_contexts_bucket() {
        String bucket = environment.getRequiredProperty("parley.files.s3.bucket");

        assertThat(store.describe())
                .isEqualTo("the bucket " + bucket + " at " + S3TestServer.get().endpoint());
    }
}
