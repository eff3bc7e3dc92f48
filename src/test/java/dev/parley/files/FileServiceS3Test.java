package dev.parley.files;

import dev.parley.SqliteTest;
import org.springframework.test.context.ContextConfiguration;

/** The file service's contract with its files in a bucket of S3Mock, a real S3-compatible server on 127.0.0.1. */
@SqliteTest
@ContextConfiguration(initializers = S3TestBucket.class)
class FileServiceS3Test extends FileServiceContract {}
