package dev.parley.accounts;

import dev.parley.SqliteTest;

@SqliteTest
class InstanceAdministrationSqliteTest extends InstanceAdministrationContract {}
