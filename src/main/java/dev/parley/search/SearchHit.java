package dev.parley.search;

import dev.parley.messages.MessageAuthor;
import dev.parley.messages.MessageId;
import dev.parley.rooms.RoomRef;
import java.time.Instant;

/**
 * One message that matched a search.
 *
 * @param seq its sequence number in its room: the room opens at it
 * @param snippetHtml a piece of its text as HTML: the user's text escaped, with only the matched words wrapped in
 *     {@code <mark>}; the start of the text when no word of it matched (a search by operators only)
 */
public record SearchHit(
        MessageId message, RoomRef room, long seq, MessageAuthor author, Instant createdAt, String snippetHtml) {}
