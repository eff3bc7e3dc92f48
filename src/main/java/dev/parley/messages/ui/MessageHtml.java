package dev.parley.messages.ui;

import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The part of a message that looks the same to everyone (avatar, author, text), rendered once as HTML and shared by
 * every view that shows it: one string in memory, however many people have the room open, and one DOM element per
 * message in each view instead of a dozen components. The HTML is built as a jsoup element tree, whose
 * {@code text()} escapes what users wrote: a message's text is never interpreted as markup.
 */
final class MessageHtml {

    /**
     * Recently rendered messages, keyed by the whole message (not its id), so that an edited text or another
     * database in the same JVM can never be served an old rendering; a miss only costs rendering again.
     */
    private static final int CACHE_SIZE = 20_000;

    private static final Map<ChatMessage, String> cache =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ChatMessage, String> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private MessageHtml() {}

    static String of(ChatMessage message) {
        return cache.computeIfAbsent(message, MessageHtml::render);
    }

    static String render(ChatMessage message) {
        MessageAuthor author = message.author();
        Element content = new Element("div");
        content.appendElement("span")
                .addClass("avatar")
                .addClass("avatar-" + Math.floorMod(author.id().value(), 7L))
                .attr("aria-hidden", "true")
                .text(author.initials());
        content.appendElement("span")
                .addClass("message-author")
                .attr("title", "@" + author.username())
                .text(author.displayName());
        content.appendElement("div").addClass("message-body").text(message.body());
        return content.html();
    }
}
