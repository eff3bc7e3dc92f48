package dev.parley.messages.ui;

import dev.parley.messages.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance of each message version for all the views that show it. Every view reads its first page from the
 * database, which makes new objects for the same messages (with their text, author and times); a view keeps the
 * shared instance instead, so that a thousand views of a room hold its messages once (docs/benchmarks.md, heap per
 * session). Keyed by the whole message, like {@link MessageHtml}'s cache: an edit, a reaction or a new author name
 * is another entry, never an old one served.
 */
final class SharedMessages {

    private static final int CACHE_SIZE = 20_000;

    private static final Map<ChatMessage, ChatMessage> cache =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ChatMessage, ChatMessage> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private SharedMessages() {}

    /** The shared instance equal to {@code message}; {@code message} itself when it is the first of its kind. */
    static ChatMessage of(ChatMessage message) {
        return cache.computeIfAbsent(message, m -> m);
    }
}
