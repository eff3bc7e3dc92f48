package dev.parley.messages;

import dev.parley.SqliteTest;

@SqliteTest
class MessageServiceSqliteTest extends MessageServiceContract {}
