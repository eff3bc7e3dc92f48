package dev.parley.messages;

import dev.parley.PostgresTest;

@PostgresTest
class MentionPostgresTest extends MentionContract {}
