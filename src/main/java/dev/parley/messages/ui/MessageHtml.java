package dev.parley.messages.ui;

import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageAuthor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * A message as HTML (avatar, author, time, text), rendered once and shared by every view that shows it with the
 * same time label: one string in memory however many people have the room open, and one DOM element per message
 * in each view instead of a dozen components. The HTML is built as a jsoup element tree, whose {@code text()}
 * escapes what users wrote: a message's text is never interpreted as markup.
 */
final class MessageHtml {

    /** What one rendering depends on. */
    record Key(ChatMessage message, String timeLabel, String fullTime) {}

    /**
     * Recent renderings, keyed by the whole message (not its id), so that an edited text or another database in the
     * same JVM can never be served an old rendering; a miss only costs rendering again.
     */
    private static final int CACHE_SIZE = 20_000;

    private static final Map<Key, String> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    private MessageHtml() {}

    static String of(ChatMessage message, String timeLabel, String fullTime) {
        return cache.computeIfAbsent(new Key(message, timeLabel, fullTime), MessageHtml::render);
    }

    static String render(Key key) {
        MessageAuthor author = key.message().author();
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
        content.appendElement("span")
                .addClass("message-time")
                .attr("title", key.fullTime())
                .text(key.timeLabel());
        content.appendElement("div").addClass("message-body").text(key.message().body());
        return content.html();
    }
}
