package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import dev.parley.rooms.NewRoomMessage;
import dev.parley.rooms.RoomId;
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

    @Override
    public List<String> topics() {
        return List.of(message.room().topic());
    }
}
