package dev.parley.accounts;

import dev.parley.SqliteTest;

@SqliteTest
class GuestAccessSqliteTest extends GuestAccessContract {}
