package dev.parley.rooms;

import dev.parley.PostgresTest;

@PostgresTest
class DirectConversationPostgresTest extends DirectConversationContract {}
