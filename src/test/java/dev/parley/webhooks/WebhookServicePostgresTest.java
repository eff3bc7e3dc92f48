package dev.parley.webhooks;

import dev.parley.PostgresTest;

@PostgresTest
class WebhookServicePostgresTest extends WebhookServiceContract {}
