package dev.parley.accounts;

import dev.parley.PostgresTest;

@PostgresTest
class GuestAccessPostgresTest extends GuestAccessContract {}
