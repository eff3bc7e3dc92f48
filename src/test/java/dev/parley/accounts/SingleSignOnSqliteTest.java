package dev.parley.accounts;

import dev.parley.SqliteTest;

@SqliteTest
class SingleSignOnSqliteTest extends SingleSignOnContract {}
