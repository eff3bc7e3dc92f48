package dev.parley.messages;

import dev.parley.accounts.UserSummary;
import dev.parley.realtime.TopicEvent;
import dev.parley.rooms.RoomId;
import java.util.List;

/**
 * Someone started or stopped typing in a room; goes to the room's topic. Published straight to the broadcaster by
 * {@link TypingService} (nothing is stored, so there is no transaction to wait for), at most once a second per user and
 * room while they type.
 */
public record TypingChanged(RoomId room, UserSummary user, boolean typing) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(room.topic());
    }
}
