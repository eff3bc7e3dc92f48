/**
 * HTTP for webhooks: {@code POST /hooks/{token}} in Slack's form for the tools that post, with its own stateless
 * security chain, and {@code /api/rooms/{slug}/webhooks} for the room's admins.
 */
@NullMarked
package dev.parley.webhooks.api;

import org.jspecify.annotations.NullMarked;
