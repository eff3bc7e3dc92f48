package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.reading.NewMention;
import java.util.List;

/**
 * A message mentioned a member of its room, for the first time (a post, or an edit that added the name). Delivered on
 * the mentioned user's own topic after the transaction commits: their mention badges, notifications list and toast
 * follow it, wherever they are in the app.
 */
public record MessageMentioned(UserId mentioned, ChatMessage message) implements TopicEvent, NewMention {

    @Override
    public RoomId roomId() {
        return message.room();
    }

    @Override
    public long seq() {
        return message.seq();
    }

    @Override
    public List<String> topics() {
        return List.of(mentioned.topic());
    }
}
