package dev.parley.accounts;

import dev.parley.PostgresTest;

@PostgresTest
class InstanceAdministrationPostgresTest extends InstanceAdministrationContract {}
