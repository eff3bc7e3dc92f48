package dev.parley.search;

import dev.parley.SqliteTest;

@SqliteTest
class SearchServiceSqliteTest extends SearchServiceContract {}
