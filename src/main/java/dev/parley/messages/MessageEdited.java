package dev.parley.messages;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/** A message's text was changed by its author; carries the new version. Delivered on its room's topic. */
public record MessageEdited(ChatMessage message) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(message.room().topic());
    }
}
