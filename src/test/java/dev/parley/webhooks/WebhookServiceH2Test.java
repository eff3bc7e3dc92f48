package dev.parley.webhooks;

import dev.parley.H2Test;

@H2Test
class WebhookServiceH2Test extends WebhookServiceContract {}
