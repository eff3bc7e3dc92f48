package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.util.List;

/** A member's mute ended: a moderator lifted it, or its time passed. Goes where {@link MemberMuted} goes. */
public record MemberUnmuted(RoomId room, UserId user) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(room.topic(), user.topic());
    }
}
