package dev.parley.messages.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.messages.ChatMessage;

/**
 * One instance of each message version for all the views that show it. Every view reads its first page from the
 * database, which makes new objects for the same messages (with their text, author and times); a view keeps the shared
 * instance instead, so that a thousand views of a room hold its messages once (docs/benchmarks.md, heap per session).
 * Keyed by the whole message, like {@link MessageHtml}'s cache: an edit, a reaction or a new author name is another
 * entry, never an old one served.
 */
final class SharedMessages {

    private static final int CACHE_SIZE = 20_000;

    private static final Cache<ChatMessage, ChatMessage> cache =
            Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    private SharedMessages() {}

    /** The shared instance equal to {@code message}; {@code message} itself when it is the first of its kind. */
    static ChatMessage of(ChatMessage message) {
        return cache.get(message, m -> m);
    }
}
