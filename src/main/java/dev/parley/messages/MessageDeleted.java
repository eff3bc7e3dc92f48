package dev.parley.messages;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/** A message was deleted; carries its tombstone (no text). Delivered on its room's topic. */
public record MessageDeleted(ChatMessage message) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(message.room().topic());
    }
}
