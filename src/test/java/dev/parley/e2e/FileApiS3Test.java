package dev.parley.e2e;

import dev.parley.files.S3TestBucket;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every test of {@link FileApiTest} with the files in a bucket of S3Mock, a real S3-compatible server on 127.0.0.1:
 * downloads stream through Parley with the same checks and headers (nosniff, the sandbox, the disposition, caching, the
 * ETag), and outsiders get the same 404.
 */
@ContextConfiguration(initializers = S3TestBucket.class)
class FileApiS3Test extends FileApiTest {}
