package dev.parley.files;

import dev.parley.SqliteTest;

@SqliteTest
class AvatarServiceSqliteTest extends AvatarServiceContract {}
