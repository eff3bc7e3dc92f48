package dev.parley.rooms;

import dev.parley.SqliteTest;

@SqliteTest
class ModerationSqliteTest extends ModerationContract {}
