package dev.parley.rooms;

import dev.parley.PostgresTest;

@PostgresTest
class ReadPositionPostgresTest extends ReadPositionContract {}
