package dev.parley.rooms;

import dev.parley.PostgresTest;

@PostgresTest
class RoomServicePostgresTest extends RoomServiceContract {}
