package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.reading.NewRoomMessage;
import java.util.List;

/** A message was stored; delivered on its room's topic after the transaction commits. */
public record MessagePosted(ChatMessage message) implements TopicEvent, NewRoomMessage {

    @Override
    public RoomId roomId() {
        return message.room();
    }

    @Override
    public long seq() {
        return message.seq();
    }

    @Override
    public UserId authorId() {
        return message.author().id();
    }

    /**
     * A message that came through a webhook is nobody's own: it is unread for the account that set the webhook up too.
     */
    @Override
    public boolean postedBy(UserId user) {
        return message.writtenBy(user);
    }

    @Override
    public List<String> topics() {
        return List.of(message.room().topic());
    }
}
