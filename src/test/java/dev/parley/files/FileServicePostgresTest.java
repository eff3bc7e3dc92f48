package dev.parley.files;

import dev.parley.PostgresTest;

@PostgresTest
class FileServicePostgresTest extends FileServiceContract {}
