package dev.parley.messages;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/** A message was stored; delivered on its room's topic after the transaction commits. */
public record MessagePosted(ChatMessage message) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(message.room().topic());
    }
}
