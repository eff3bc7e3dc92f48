package dev.parley.rooms;

import dev.parley.SqliteTest;

@SqliteTest
class ReadPositionSqliteTest extends ReadPositionContract {}
