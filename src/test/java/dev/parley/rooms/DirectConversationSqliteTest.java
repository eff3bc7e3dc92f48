package dev.parley.rooms;

import dev.parley.SqliteTest;

@SqliteTest
class DirectConversationSqliteTest extends DirectConversationContract {}
