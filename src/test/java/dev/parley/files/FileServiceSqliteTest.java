package dev.parley.files;

import dev.parley.SqliteTest;

@SqliteTest
class FileServiceSqliteTest extends FileServiceContract {}
