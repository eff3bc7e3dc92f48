package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.SqliteTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

/** Pictures' contract with the pictures in a bucket of S3Mock, a real S3-compatible server on 127.0.0.1. */
@SqliteTest
@ContextConfiguration(initializers = S3TestBucket.class)
class AvatarServiceS3Test extends AvatarServiceContract {

    @Autowired
    Environment environment;

    @Test
    void the_store_is_this_contexts_bucket() {
        String bucket = environment.getRequiredProperty("parley.files.s3.bucket");

        assertThat(store).isInstanceOf(S3FileStore.class);
        assertThat(store.describe())
                .isEqualTo("the bucket " + bucket + " at " + S3TestServer.get().endpoint());
    }
}
