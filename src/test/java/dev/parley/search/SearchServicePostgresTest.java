package dev.parley.search;

import dev.parley.PostgresTest;

@PostgresTest
class SearchServicePostgresTest extends SearchServiceContract {}
