package dev.parley.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incoming webhooks' settings.
 *
 * @param icons whether a payload's {@code icon_url} (only {@code https:}) is shown as the sender's picture; when false
 *     it is ignored, so that no reader's browser ever loads an image from a host a webhook chose
 */
@ConfigurationProperties("parley.webhooks")
public record WebhookProperties(@DefaultValue("true") boolean icons) {}
