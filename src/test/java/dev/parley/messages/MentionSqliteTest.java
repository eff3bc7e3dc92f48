package dev.parley.messages;

import dev.parley.SqliteTest;

@SqliteTest
class MentionSqliteTest extends MentionContract {}
