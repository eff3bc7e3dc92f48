package dev.parley.rooms;

import dev.parley.SqliteTest;

@SqliteTest
class RoomServiceSqliteTest extends RoomServiceContract {}
