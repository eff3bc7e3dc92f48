package dev.parley.webhooks;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a Slack-compatible incoming webhook payload asks for: the text (Slack's mrkdwn already translated to Markdown by
 * {@link SlackMrkdwn}), and the optional name and picture to show. Tools such as Alertmanager and Grafana send no
 * {@code text} but {@code attachments}: each attachment's pretext, title (linked to {@code title_link}), text and
 * fields, or its {@code fallback}, become the text then; Block Kit's {@code section} blocks are read the same way.
 * Other fields ({@code channel}, {@code icon_emoji}, colours) are ignored: a webhook posts to its own room.
 *
 * @param username the name asked for in place of the webhook's, or null
 * @param iconUrl the picture URL asked for, unchecked (the service keeps only {@code https:} URLs), or null
 */
public record SlackPayload(
        String text, @Nullable String username, @Nullable String iconUrl) {

    /**
     * Reads a payload.
     *
     * @throws WebhookPayloadException {@code invalid_payload} when it is not a JSON object; {@code no_text} when it has
     *     no text anywhere
     */
    public static SlackPayload of(JsonNode payload) {
        if (!payload.isObject()) {
            throw new WebhookPayloadException("invalid_payload", "The payload must be a JSON object");
        }
        List<String> parts = new ArrayList<>();
        add(parts, mrkdwn(payload.path("text")));
        for (JsonNode attachment : payload.path("attachments")) {
            add(parts, attachment(attachment));
        }
        if (parts.isEmpty()) {
            for (JsonNode block : payload.path("blocks")) {
                add(parts, mrkdwn(block.path("text").path("text")));
                for (JsonNode field : block.path("fields")) {
                    add(parts, mrkdwn(field.path("text")));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new WebhookPayloadException("no_text", "The payload has no text");
        }
        return new SlackPayload(
                String.join("\n\n", parts), string(payload.path("username")), string(payload.path("icon_url")));
    }

    private static String attachment(JsonNode attachment) {
        List<String> lines = new ArrayList<>();
        add(lines, mrkdwn(attachment.path("pretext")));
        String title = plain(attachment.path("title"));
        if (!title.isBlank()) {
            String link = plain(attachment.path("title_link"));
            add(lines, "**" + SlackMrkdwn.toMarkdown(link.isBlank() ? title : "<" + link + "|" + title + ">") + "**");
        }
        add(lines, mrkdwn(attachment.path("text")));
        for (JsonNode field : attachment.path("fields")) {
            String name = plain(field.path("title"));
            String value = mrkdwn(field.path("value"));
            add(lines, name.isBlank() ? value : "**" + name + "**: " + value);
        }
        if (lines.isEmpty()) {
            add(lines, plain(attachment.path("fallback")));
        }
        return String.join("\n", lines);
    }

    private static void add(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part.strip());
        }
    }

    private static String mrkdwn(JsonNode node) {
        return SlackMrkdwn.toMarkdown(plain(node));
    }

    private static String plain(JsonNode node) {
        return node.isString() || node.isNumber() || node.isBoolean() ? node.asString() : "";
    }

    private static @Nullable String string(JsonNode node) {
        String value = plain(node).strip();
        return value.isEmpty() ? null : value;
    }
}
