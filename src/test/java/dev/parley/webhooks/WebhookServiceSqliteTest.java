package dev.parley.webhooks;

import dev.parley.SqliteTest;

@SqliteTest
class WebhookServiceSqliteTest extends WebhookServiceContract {}
