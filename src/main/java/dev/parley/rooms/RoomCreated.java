package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.util.List;

/**
 * A room was created. A public room is announced on the {@value #LOBBY_TOPIC} topic; a private one only to its creator.
 */
public record RoomCreated(RoomSummary room, UserId creator) implements TopicEvent {

    public static final String LOBBY_TOPIC = "rooms";

    @Override
    public List<String> topics() {
        return room.isPrivate() ? List.of(creator.topic()) : List.of(LOBBY_TOPIC, creator.topic());
    }
}
