package dev.parley.rooms;

import dev.parley.PostgresTest;

@PostgresTest
class ModerationPostgresTest extends ModerationContract {}
