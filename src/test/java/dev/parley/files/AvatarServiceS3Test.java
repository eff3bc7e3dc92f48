package dev.parley.files;

import dev.parley.SqliteTest;
import org.springframework.test.context.ContextConfiguration;

/** Pictures' contract with the pictures in a bucket of S3Mock, a real S3-compatible server on 127.0.0.1. */
@SqliteTest
@ContextConfiguration(initializers = S3TestBucket.class)
class AvatarServiceS3Test extends AvatarServiceContract {}
