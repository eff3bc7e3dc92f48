package dev.parley.messages;

import dev.parley.PostgresTest;

@PostgresTest
class MessageServicePostgresTest extends MessageServiceContract {}
