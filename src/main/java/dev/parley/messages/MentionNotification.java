package dev.parley.messages;

import dev.parley.rooms.RoomId;
import java.time.Instant;

/**
 * One entry of a user's notifications list: a message that mentioned them, with its room, and whether it is still
 * unread (above their read position in the room).
 *
 * @param body the message's text as written, empty once the message is deleted
 */
public record MentionNotification(
        RoomId room,
        String roomSlug,
        String roomName,
        MessageId message,
        long seq,
        MessageAuthor author,
        String body,
        boolean deleted,
        Instant at,
        boolean unread) {

    /** The body as one line of plain text, cut at {@code max} characters: what the list shows. */
    public String snippet(int max) {
        return MessageMarkdown.toSnippet(body, max);
    }
}
