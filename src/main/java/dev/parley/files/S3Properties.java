package dev.parley.files;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An S3-compatible bucket for uploads, thumbnails and pictures ({@code PARLEY_FILES_S3_*}): set an endpoint and a
 * bucket and every node keeps its files there; set neither and they stay in the data folder. Requests use path-style
 * URLs ({@code http://host:9000/bucket/key}), which MinIO, Garage and S3Mock need and AWS still serves.
 *
 * @param endpoint the server's URL, {@code https://s3.eu-central-1.amazonaws.com} or {@code http://minio:9000}; null to
 *     keep files in the data folder
 * @param bucket the bucket, which must exist already (Parley never creates one)
 * @param region the region requests are signed for; most S3-compatible servers take any, and expect {@code us-east-1}
 * @param accessKey the access key; null (with no secret key either) for the AWS SDK's default credentials (the
 *     {@code AWS_ACCESS_KEY_ID} environment, a profile, an instance role)
 * @param secretKey the secret key; only from the environment ({@code PARLEY_FILES_S3_SECRET_KEY}), never a file in git
 */
@ConfigurationProperties("parley.files.s3")
public record S3Properties(
        @Nullable URI endpoint,
        @Nullable String bucket,
        @DefaultValue("us-east-1") String region,
        @Nullable String accessKey,
        @Nullable String secretKey) {

    public S3Properties {
        // An environment variable set to nothing is no setting.
        if (endpoint != null && endpoint.toString().isBlank()) {
            endpoint = null;
        }
        bucket = blankToNull(bucket);
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        if ((endpoint == null) != (bucket == null)) {
            throw new IllegalArgumentException("parley.files.s3.endpoint and parley.files.s3.bucket go together: set"
                    + " both (PARLEY_FILES_S3_ENDPOINT, PARLEY_FILES_S3_BUCKET) to keep files in that bucket, or"
                    + " neither to keep them in the data folder");
        }
        if (endpoint != null
                && (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                        || endpoint.getHost() == null)) {
            throw new IllegalArgumentException("parley.files.s3.endpoint must be an http:// or https:// URL with a"
                    + " host, like https://s3.eu-central-1.amazonaws.com or http://minio:9000, not " + endpoint);
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("parley.files.s3.access-key and parley.files.s3.secret-key go together:"
                    + " set both (PARLEY_FILES_S3_ACCESS_KEY, PARLEY_FILES_S3_SECRET_KEY), or neither for the AWS"
                    + " SDK's default credentials");
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException(
                    "parley.files.s3.region must name a region, like us-east-1 (the default, which most servers take)");
        }
    }

    /** Whether files go to the bucket: an endpoint and a bucket are set. */
    public boolean enabled() {
        return endpoint != null;
    }

    /** Without the secret key, which logs and failure reports must never show. */
    @Override
    public String toString() {
        return "S3Properties[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKey="
                + accessKey + ", secretKey=" + (secretKey == null ? "none" : "(set)") + "]";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
