/**
 * Incoming webhooks, Slack-compatible: a room's admins make a secret URL ({@code /hooks/{token}}) that tools such as CI
 * servers, Alertmanager or Grafana post to with Slack's payload ({@code text}, {@code username}, {@code icon_url},
 * {@code attachments}), as JSON or as a form's {@code payload} field. Each message goes through the same checks,
 * Markdown rendering and posting limit as a member's and is shown "via webhook". Only the token's hash is kept; a
 * webhook can be listed, renamed and revoked. See docs/design-decisions/2026-11-21-incoming-webhooks.md.
 */
@NullMarked
package dev.parley.webhooks;

import org.jspecify.annotations.NullMarked;
