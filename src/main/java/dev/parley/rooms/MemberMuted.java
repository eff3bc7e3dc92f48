package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.time.Instant;
import java.util.List;

/**
 * A moderator muted a member until {@code until} (or changed the time). Goes to the member's own topic (their composer
 * says until when) and to the room's topic (moderators' member menus offer Unmute).
 */
public record MemberMuted(RoomId room, UserId user, Instant until) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(room.topic(), user.topic());
    }
}
