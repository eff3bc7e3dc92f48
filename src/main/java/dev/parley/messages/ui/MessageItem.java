package dev.parley.messages.ui;

import com.vaadin.flow.component.html.Div;
import dev.parley.accounts.UserId;
import dev.parley.base.ui.TimeFormat;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import dev.parley.messages.Reaction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Collectors;

/**
 * One message: avatar or initials, sender, time (relative while recent, full on hover), "(edited)" and the text as
 * Markdown, or a tombstone. A single element whose content is {@link MessageHtml}'s shared HTML; it changes when its
 * time label does or a newer version of the message arrives. Its own class {@code mine} (the viewer wrote it) is what
 * shows the edit action, and its attribute {@code data-reacted} (the emoji the viewer reacted with, space-separated)
 * what highlights the viewer's own reaction chips: per-viewer state without a component per chip.
 */
class MessageItem extends Div {

    private final UserId viewer;
    private ChatMessage message;
    private String shown = "";
    private String reacted = "";

    MessageItem(ChatMessage message, UserId viewer, Instant now, ZoneId zone) {
        this.message = SharedMessages.of(message);
        this.viewer = viewer;
        addClassName("message");
        if (message.writtenBy(viewer)) {
            addClassName("mine");
        }
        // The one attribute most messages have (Flow keeps a lone attribute without a map): clicks name the message by
        // it, so a second one (the message's id) would cost every open view a map per message.
        getElement().setAttribute("data-seq", String.valueOf(message.seq()));
        refreshTime(now, zone);
        markOwnReactions();
    }

    ChatMessage message() {
        return message;
    }

    /** Shows a newer version of the message (edited, or deleted); an older or the same version changes nothing. */
    void update(ChatMessage newer, Instant now, ZoneId zone) {
        if (newer.version() <= message.version()) {
            return;
        }
        message = SharedMessages.of(newer);
        refreshTime(now, zone);
        markOwnReactions();
    }

    /**
     * Shows the message by its author as they are now (a new name or picture); the rendering is looked up anew, as it
     * is keyed by the whole message.
     */
    void showAuthor(MessageAuthor author, Instant now, ZoneId zone) {
        if (!author.id().equals(message.author().id()) || author.equals(message.author())) {
            return;
        }
        message = SharedMessages.of(message.withAuthor(author));
        refreshTime(now, zone);
    }

    private void markOwnReactions() {
        String mine = message.reactions().isEmpty()
                ? ""
                : message.reactions().stream()
                        .map(Reaction::emoji)
                        .filter(emoji -> message.reactedBy(viewer, emoji))
                        .collect(Collectors.joining(" "));
        if (mine.equals(reacted)) {
            return;
        }
        reacted = mine;
        if (mine.isEmpty()) {
            getElement().removeAttribute("data-reacted");
        } else {
            getElement().setAttribute("data-reacted", mine);
        }
    }

    /** Updates the relative time; returns whether it will still change (the message is still recent). */
    boolean refreshTime(Instant now, ZoneId zone) {
        Instant editedAt = message.editedAt();
        String html = MessageHtml.of(
                message,
                TimeFormat.relative(message.createdAt(), now, zone),
                TimeFormat.full(message.createdAt(), zone),
                editedAt == null ? "" : TimeFormat.full(editedAt, zone));
        if (!html.equals(shown)) {
            shown = html;
            getElement().setProperty("innerHTML", html);
        }
        return message.createdAt().plus(TimeFormat.RECENT).isAfter(now);
    }
}
