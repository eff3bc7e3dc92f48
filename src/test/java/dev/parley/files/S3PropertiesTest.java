package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The bucket's settings: either whole or absent, each mistake refused in words, and the secret never shown. */
class S3PropertiesTest {

    private static final URI MINIO = URI.create("http://minio:9000");

    @Test
    void without_an_endpoint_and_a_bucket_files_stay_in_the_data_folder() {
        assertThat(new S3Properties(null, null, "us-east-1", null, null).enabled())
                .isFalse();
        // An environment variable set to nothing is no setting.
        assertThat(new S3Properties(URI.create(""), " ", "us-east-1", "", "").enabled())
                .isFalse();
        assertThat(new S3Properties(MINIO, "parley", "us-east-1", null, null).enabled())
                .isTrue();
    }

    @Test
    void an_endpoint_without_a_bucket_or_the_other_way_round_is_refused() {
        assertThatThrownBy(() -> new S3Properties(MINIO, null, "us-east-1", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parley.files.s3.endpoint and parley.files.s3.bucket go together");
        assertThatThrownBy(() -> new S3Properties(null, "parley", "us-east-1", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parley.files.s3.endpoint and parley.files.s3.bucket go together");
    }

    @Test
    void an_endpoint_that_is_not_an_http_url_a_lone_key_and_no_region_are_refused() {
        assertThatThrownBy(() -> new S3Properties(URI.create("s3://parley"), "parley", "us-east-1", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parley.files.s3.endpoint must be an http:// or https:// URL with a host, like"
                        + " https://s3.eu-central-1.amazonaws.com or http://minio:9000, not s3://parley");
        assertThatThrownBy(() -> new S3Properties(MINIO, "parley", "us-east-1", "key", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parley.files.s3.access-key and parley.files.s3.secret-key go together");
        assertThatThrownBy(() -> new S3Properties(MINIO, "parley", " ", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parley.files.s3.region must name a region");
    }

    @Test
    void the_secret_key_is_never_in_the_settings_as_text() {
        S3Properties properties = new S3Properties(MINIO, "parley", "us-east-1", "AKIAEXAMPLE", "s3cr3t-value");

        assertThat(properties.toString()).contains("AKIAEXAMPLE", "(set)").doesNotContain("s3cr3t-value");
    }
}
