package dev.parley.messages.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.GuestBadge;
import dev.parley.files.Attachment;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageMarkdown;
import dev.parley.messages.Reaction;
import dev.parley.messages.Reactions;
import dev.parley.messages.Reactor;
import dev.parley.messages.WebhookSender;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A message as HTML (the author's picture or initials, author, time, "(edited)", action buttons, the text as sanitised
 * Markdown, its attached files and a row of reaction chips, or the tombstone of a deleted message), rendered once and
 * shared by every view that shows it with the same time labels: one string in memory however many people have the room
 * open, and one DOM element per message in each view instead of a dozen components. The HTML is built as a jsoup
 * element tree, whose {@code text()} escapes what users wrote; the only markup from a message is
 * {@link MessageMarkdown}'s allow-listed output.
 *
 * <p>Every rendering has all action buttons (the reaction palette, edit and delete); which ones a viewer sees is
 * decided by CSS from classes on the viewer's own element ({@code mine}) and list ({@code can-react},
 * {@code can-moderate}), so that the HTML stays the same for everyone. The server checks every action again.
 */
final class MessageHtml {

    /** The tombstone's text. */
    static final String DELETED_TEXT = "message deleted";

    /**
     * What one rendering depends on.
     *
     * @param editedTime the full time of the last edit in the viewer's zone, or empty when the message was never edited
     */
    record Key(ChatMessage message, String timeLabel, String fullTime, String editedTime) {}

    /**
     * Recent renderings, keyed by the whole message (not its id), so that an edited text or another database in the
     * same JVM can never be served an old rendering; a miss only costs rendering again.
     */
    private static final int CACHE_SIZE = 20_000;

    /**
     * Caffeine, not a synchronized map: a thousand views rendering the message just posted must not queue behind one
     * lock, nor behind the rendering of another message. Each key is rendered once; the views asking for it meanwhile
     * wait for that one.
     */
    private static final Cache<Key, String> cache =
            Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    private MessageHtml() {}

    static String of(ChatMessage message, String timeLabel, String fullTime, String editedTime) {
        return cache.get(new Key(message, timeLabel, fullTime, editedTime), MessageHtml::render);
    }

    static String render(Key key) {
        ChatMessage message = key.message();
        MessageAuthor author = message.author();
        Document document = new Document("");
        document.outputSettings().prettyPrint(false);
        Element content = document.appendElement("div");
        WebhookSender webhook = message.webhook();
        if (webhook == null) {
            Avatars.appendHtml(content, author.id().value(), author.initials(), author.avatarUrl());
            Element name = content.appendElement("span")
                    .addClass("message-author")
                    .attr("title", "@" + author.username())
                    .text(author.displayName());
            if (author.guest()) {
                name.appendElement("span").addClass(GuestBadge.CLASS_NAME).text(GuestBadge.TEXT);
            }
        } else {
            appendWebhookSender(content, webhook, author);
        }
        Element meta = content.appendElement("span").addClass("message-meta");
        meta.appendElement("span")
                .addClass("message-time")
                .attr("title", key.fullTime())
                .text(key.timeLabel());
        if (message.deleted()) {
            content.appendElement("div")
                    .addClass("message-body")
                    .addClass("message-tombstone")
                    .text(DELETED_TEXT);
            return content.html();
        }
        if (message.edited()) {
            meta.appendElement("span")
                    .addClass("message-edited")
                    .attr("title", "Edited " + key.editedTime())
                    .text("(edited)");
        }
        // Kept small: it is in every message sent to every browser.
        Element actions = content.appendElement("span").addClass("message-actions");
        Element palette = actions.appendElement("span").addClass("reaction-palette");
        for (String emoji : Reactions.PALETTE) {
            palette.appendElement("button")
                    .attr("type", "button")
                    .attr("data-action", "react")
                    .attr("data-emoji", emoji)
                    .attr("aria-label", "React with " + emoji)
                    .text(emoji);
        }
        actions.appendElement("button")
                .attr("type", "button")
                .attr("data-action", "edit")
                .attr("aria-label", "Edit message")
                .text("Edit");
        actions.appendElement("button")
                .attr("type", "button")
                .attr("data-action", "delete")
                .attr("aria-label", "Delete message")
                .text("Delete");
        // Sanitised by MessageMarkdown's allow-list; mentions are highlighted only for members of the room.
        content.appendElement("div")
                .addClass("message-body")
                .html(MessageMarkdown.toHtml(message.body(), message.mentions()::contains));
        if (!message.attachments().isEmpty()) {
            appendAttachments(content, message.attachments());
        }
        if (!message.reactions().isEmpty()) {
            Element chips = content.appendElement("div").addClass("reactions");
            for (Reaction reaction : message.reactions()) {
                List<String> names =
                        reaction.users().stream().map(Reactor::displayName).toList();
                Element chip = chips.appendElement("button")
                        .attr("type", "button")
                        .addClass("reaction")
                        .attr("data-action", "react")
                        .attr("data-emoji", reaction.emoji())
                        .attr("title", String.join(", ", names))
                        .attr("aria-label", reaction.emoji() + " " + reaction.count() + ", " + spoken(names));
                chip.appendText(reaction.emoji() + " ");
                chip.appendElement("span").text(String.valueOf(reaction.count()));
            }
        }
        return content.html();
    }

    /**
     * The name and picture a webhook's payload chose, marked "via webhook", with who set the webhook up on hover. Its
     * picture is an {@code https:} URL of the payload's choosing (the webhooks feature keeps no other, and none at all
     * when {@code parley.webhooks.icons} is off): it is loaded lazily, without a referrer, and sized by CSS, so the
     * image's host learns no more than that someone viewed the room; the sender's name stays next to it.
     */
    static void appendWebhookSender(Element parent, WebhookSender webhook, MessageAuthor setUpBy) {
        String iconUrl = webhook.iconUrl();
        if (iconUrl != null) {
            parent.appendElement("img")
                    .addClass("avatar")
                    .addClass("webhook-icon")
                    .attr("src", iconUrl)
                    .attr("alt", "")
                    .attr("loading", "lazy")
                    .attr("referrerpolicy", "no-referrer");
        } else {
            parent.appendElement("span")
                    .addClass("avatar")
                    .addClass("avatar-webhook")
                    .attr("aria-hidden", "true")
                    .text(webhook.initials());
        }
        Element name = parent.appendElement("span")
                .addClass("message-author")
                .attr(
                        "title",
                        "Posted through a webhook set up by " + setUpBy.displayName() + " (@" + setUpBy.username()
                                + ")");
        name.appendElement("span").addClass("webhook-name").text(webhook.name());
        name.appendText(" ");
        name.appendElement("span").addClass("message-via").text("via webhook");
    }

    /**
     * Images as thumbnails that open full size ({@code view-image}), other files as a link with an icon, name and size.
     * The URLs answer only the room's members; readers who have not joined see the names only (CSS).
     */
    private static void appendAttachments(Element content, List<Attachment> attachments) {
        Element box = content.appendElement("div").addClass("attachments");
        for (Attachment file : attachments) {
            if (file.image()) {
                Element button = box.appendElement("button")
                        .attr("type", "button")
                        .addClass("attachment-image")
                        .attr("data-action", "view-image")
                        .attr("data-file", String.valueOf(file.id().value()))
                        .attr("title", file.name() + " (" + file.humanSize() + ")")
                        .attr("aria-label", "Open image " + file.name());
                button.appendElement("img")
                        .attr("src", file.thumbnailUrl())
                        .attr("alt", file.name())
                        .attr("loading", "lazy");
                button.appendElement("span").addClass("attachment-name").text(file.name());
            } else {
                Element link = box.appendElement("a")
                        .addClass("attachment-file")
                        .attr("href", file.url())
                        .attr("download", file.name())
                        .attr("title", "Download " + file.name());
                link.appendElement("span")
                        .addClass("attachment-icon")
                        .attr("aria-hidden", "true")
                        .text(kindLabel(file.name()));
                link.appendElement("span").addClass("attachment-name").text(file.name());
                link.appendElement("span").addClass("attachment-size").text(file.humanSize());
            }
        }
    }

    /** What the file icon says: the name's extension ("PDF", "DOCX"), or "FILE" when it has none worth showing. */
    static String kindLabel(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return extension.matches("[A-Za-z0-9]{1,4}") ? extension.toUpperCase(Locale.ROOT) : "FILE";
    }

    /** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
    static String spoken(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
