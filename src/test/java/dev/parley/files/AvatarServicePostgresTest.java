package dev.parley.files;

import dev.parley.PostgresTest;

@PostgresTest
class AvatarServicePostgresTest extends AvatarServiceContract {}
