package dev.parley.messages.ui;

import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.TimeFormat;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import java.time.Instant;
import java.time.ZoneId;

/** One message: avatar or initials, sender, time (relative while recent, full on hover) and the text, as text. */
class MessageItem extends Div {

    private final ChatMessage message;
    private final Span time = new Span();

    MessageItem(ChatMessage message, Instant now, ZoneId zone) {
        this.message = message;
        addClassName("message");
        getElement().setAttribute("data-seq", String.valueOf(message.seq()));

        MessageAuthor author = message.author();
        Avatar avatar =
                Avatars.of(author.displayName(), author.initials(), author.id().value());
        avatar.addClassName("message-avatar");

        Span name = new Span(author.displayName());
        name.addClassName("message-author");
        name.getElement().setAttribute("title", "@" + author.username());
        time.addClassName("message-time");
        refreshTime(now, zone);
        Div header = new Div(name, time);
        header.addClassName("message-header");

        // setText: whatever the message contains is shown literally, never interpreted as HTML.
        Div body = new Div();
        body.setText(message.body());
        body.addClassName("message-body");

        Div main = new Div(header, body);
        main.addClassName("message-main");
        add(avatar, main);
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
