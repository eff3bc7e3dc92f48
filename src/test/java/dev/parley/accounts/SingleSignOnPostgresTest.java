package dev.parley.accounts;

import dev.parley.PostgresTest;

@PostgresTest
class SingleSignOnPostgresTest extends SingleSignOnContract {}
