package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import dev.parley.rooms.RoomId;
import java.util.List;

/**
 * A member's read position in a room went up: goes to the user's own topic, so that their other tabs clear the room's
 * unread badge.
 */
public record ReadPositionChanged(UserId user, RoomId room, long seq) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(user.topic());
    }
}
