package dev.parley.accounts;

import dev.parley.SqliteTest;

@SqliteTest
class AccountServiceSqliteTest extends AccountServiceContract {}
