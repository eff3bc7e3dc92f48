package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import dev.parley.realtime.TopicEvent;
import java.util.List;

/**
 * An admin gave a member another role. Goes to the room's topic (the members sidebar shows roles) and to the member's
 * own topic (their views offer what the new role allows).
 */
public record MemberRoleChanged(RoomId room, UserSummary user, RoomRole role) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(room.topic(), user.id().topic());
    }
}
