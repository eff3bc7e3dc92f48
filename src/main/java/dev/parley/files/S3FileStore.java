package dev.parley.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3-compatible bucket, through the AWS SDK for Java 2, with path-style URLs. Files are staged in a
 * folder of the node's own data folder ({@code <data-dir>/staging/<area>}) and uploaded in one request once complete;
 * an object appears whole or not at all. Checksums are sent and checked only where the S3 API requires them: the SDK's
 * newer default (a trailing CRC in every upload) is refused by several S3-compatible servers.
 */
final class S3FileStore implements FileStore, AutoCloseable {

    private final S3Client client;
    private final String bucket;
    private final URI endpoint;
    private final Path staging;

    private S3FileStore(S3Client client, String bucket, URI endpoint, Path staging) {
        this.client = client;
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.staging = staging;
    }

    /**
     * A store of the bucket that {@code properties} name, staging files under {@code staging}; checks at once that the
     * bucket exists and may be reached, so that a node set up wrong does not start.
     *
     * @throws FileStoreSetUpException when the endpoint cannot be reached, the bucket does not exist, or access to it
     *     is refused, saying which
     */
    static S3FileStore connect(S3Properties properties, Path staging) {
        URI endpoint = Objects.requireNonNull(properties.endpoint(), "parley.files.s3.endpoint");
        String bucket = Objects.requireNonNull(properties.bucket(), "parley.files.s3.bucket");
        S3Client client = client(endpoint, properties.region(), credentials(properties));
        try {
            client.headBucket(request -> request.bucket(bucket));
            for (String area : List.of(UPLOADS, AVATARS)) {
                Files.createDirectories(staging.resolve(area));
            }
        } catch (S3Exception e) {
            client.close();
            String where = "the bucket " + bucket + " at " + endpoint + " (parley.files.s3.bucket, .endpoint)";
            throw new FileStoreSetUpException(
                    switch (e.statusCode()) {
                        case 404 ->
                            "Files cannot be stored in " + where + ": there is no such bucket. Create it first;"
                                    + " Parley never creates one.";
                        case 301, 400 ->
                            "Files cannot be stored in " + where + ": the server refused the request ("
                                    + e.statusCode() + "); is parley.files.s3.region (" + properties.region()
                                    + ") the bucket's region?";
                        case 401, 403 ->
                            "Files cannot be stored in " + where + ": access was refused ("
                                    + e.statusCode()
                                    + "); check parley.files.s3.access-key and .secret-key, and that the"
                                    + " key may read and write the bucket.";
                        default ->
                            "Files cannot be stored in " + where + ": the server answered " + e.statusCode() + " ("
                                    + e.getMessage() + ")";
                    },
                    e);
        } catch (SdkException e) {
            client.close();
            throw new FileStoreSetUpException(
                    "Cannot reach the S3 endpoint " + endpoint + " (parley.files.s3.endpoint) to store files in the"
                            + " bucket " + bucket + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            client.close();
            throw new UncheckedIOException("Cannot create the staging folder " + staging, e);
        }
        return new S3FileStore(client, bucket, endpoint, staging);
    }

    /** A client of an S3-compatible server as Parley uses one: path-style URLs, checksums only where required. */
    static S3Client client(URI endpoint, String region, AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static AwsCredentialsProvider credentials(S3Properties properties) {
        String accessKey = properties.accessKey();
        String secretKey = properties.secretKey();
        if (accessKey != null && secretKey != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public Path staging(String area) {
        if (!area.equals(UPLOADS) && !area.equals(AVATARS)) {
            throw new IllegalArgumentException("Not an area of Parley's files: " + area);
        }
        return staging.resolve(area);
    }

    @Override
    public void put(Path file, String key) throws IOException {
        upload(file, key);
        Files.delete(file);
    }

    /** Stores a copy of the file as the object {@code key}, leaving the file where it is. */
    void upload(Path file, String key) throws IOException {
        try {
            client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failed("store", key, e);
        }
    }

    @Override
    public Optional<Resource> open(String key) throws IOException {
        HeadObjectResponse head;
        try {
            head = client.headObject(request -> request.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("read", key, e);
        } catch (SdkException e) {
            throw failed("read", key, e);
        }
        return Optional.of(new ObjectResource(key, head.contentLength(), head.lastModified()));
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failed("delete", key, e);
        }
    }

    @Override
    public List<StoredObject> list(String area) throws IOException {
        staging(area);
        String prefix = FileStore.key(area, "");
        List<StoredObject> found = new ArrayList<>();
        try {
            ListObjectsV2Request request =
                    ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                found.add(new StoredObject(
                        object.key().substring(prefix.length()), object.size(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw failed("list", prefix, e);
        }
        return found;
    }

    @Override
    public String describe() {
        return "the bucket " + bucket + " at " + endpoint;
    }

    @Override
    public void close() {
        client.close();
    }

    /** An {@link UnreachableException} when the server could not be reached, an {@link IOException} otherwise. */
    private IOException failed(String doing, String key, SdkException e) {
        if (e instanceof SdkClientException) {
            return new UnreachableException(
                    "Could not " + doing + " " + key + " in " + describe() + ": cannot reach the server", e);
        }
        return new IOException("Could not " + doing + " " + key + " in " + describe() + ": " + e.getMessage(), e);
    }

    /** An object as Spring serves it: its size known from its head, its bytes fetched each time they are read. */
    private final class ObjectResource extends AbstractResource {

        private final String key;
        private final long size;
        private final Instant written;

        ObjectResource(String key, long size, Instant written) {
            this.key = key;
            this.size = size;
            this.written = written;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return client.getObject(request -> request.bucket(bucket).key(key));
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    // Deleted since it was opened: its message was deleted meanwhile.
                    throw new FileNotFoundException(key + " is no longer in " + describe());
                }
                throw failed("read", key, e);
            } catch (SdkException e) {
                throw failed("read", key, e);
            }
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public long lastModified() {
            return written.toEpochMilli();
        }

        @Override
        public String getDescription() {
            return "object " + key + " in " + describe();
        }
    }
}
