package dev.parley.e2e;

import dev.parley.files.S3TestBucket;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every test of {@link UserApiTest} with the pictures in a bucket of S3Mock: a user's picture is served from the bucket
 * through Parley, with its type and its caching.
 */
@ContextConfiguration(initializers = S3TestBucket.class)
class UserApiS3Test extends UserApiTest {}
