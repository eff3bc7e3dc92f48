package dev.parley.messages.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.parley.base.ui.TimeFormat;
import dev.parley.messages.ChatMessage;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One message: avatar or initials, sender, time (relative while recent, full on hover) and the text, as text. The
 * avatar, sender and text are one element with {@link MessageHtml}'s shared HTML; only the time is this view's own.
 */
class MessageItem extends Div {

    private final ChatMessage message;
    private final Span time = new Span();

    MessageItem(ChatMessage message, Instant now, ZoneId zone) {
        this.message = message;
        addClassName("message");
        getElement().setAttribute("data-seq", String.valueOf(message.seq()));
        Div content = new Div();
        content.addClassName("message-content");
        content.getElement().setProperty("innerHTML", MessageHtml.of(message));
        time.addClassName("message-time");
        refreshTime(now, zone);
        add(content, time);
    }

    ChatMessage message() {
        return message;
    }

    /** Updates the relative time; returns whether it will still change (the message is still recent). */
    boolean refreshTime(Instant now, ZoneId zone) {
        time.setText(TimeFormat.relative(message.createdAt(), now, zone));
        time.getElement().setAttribute("title", TimeFormat.full(message.createdAt(), zone));
        return message.createdAt().plus(TimeFormat.RECENT).isAfter(now);
    }
}
