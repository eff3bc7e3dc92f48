package dev.parley.messages;

import dev.parley.rooms.RoomId;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message as views and the REST API show it; built once per message version, shared by every recipient.
 *
 * @param body the latest text; empty when the message was deleted
 * @param version the room version of the latest change to this message (its post, an edit or its deletion)
 * @param editedAt when the text was last edited, or null if never
 * @param deleted whether the message was deleted (a tombstone: no text, no actions)
 * @param mentions lower-case usernames mentioned in the body who are members of the room: the names to highlight
 */
public record ChatMessage(
        MessageId id,
        RoomId room,
        long seq,
        MessageAuthor author,
        String body,
        Instant createdAt,
        long version,
        @Nullable Instant editedAt,
        boolean deleted,
        Set<String> mentions) {

    public ChatMessage {
        mentions = Set.copyOf(mentions);
    }

    public boolean edited() {
        return editedAt != null;
    }
}
