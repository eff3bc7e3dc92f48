package dev.parley.accounts;

import dev.parley.PostgresTest;

@PostgresTest
class AccountServicePostgresTest extends AccountServiceContract {}
