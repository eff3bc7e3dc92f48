package dev.parley.messages.ui;

import com.vaadin.flow.component.html.Div;
import dev.parley.base.ui.TimeFormat;
import dev.parley.messages.ChatMessage;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One message: avatar or initials, sender, time (relative while recent, full on hover) and the text, as text. A
 * single element whose content is {@link MessageHtml}'s shared HTML; it changes only when its time label does.
 */
class MessageItem extends Div {

    private final ChatMessage message;
    private String shown = "";

    MessageItem(ChatMessage message, Instant now, ZoneId zone) {
        this.message = message;
        addClassName("message");
        getElement().setAttribute("data-seq", String.valueOf(message.seq()));
        refreshTime(now, zone);
    }

    ChatMessage message() {
        return message;
    }

    /** Updates the relative time; returns whether it will still change (the message is still recent). */
    boolean refreshTime(Instant now, ZoneId zone) {
        String html = MessageHtml.of(
                message,
                TimeFormat.relative(message.createdAt(), now, zone),
                TimeFormat.full(message.createdAt(), zone));
        if (!html.equals(shown)) {
            shown = html;
            getElement().setProperty("innerHTML", html);
        }
        return message.createdAt().plus(TimeFormat.RECENT).isAfter(now);
    }
}
