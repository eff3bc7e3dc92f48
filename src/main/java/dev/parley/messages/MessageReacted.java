package dev.parley.messages;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/** Someone added or removed a reaction; carries the message's new version. Delivered on its room's topic. */
public record MessageReacted(ChatMessage message) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(message.room().topic());
    }
}
