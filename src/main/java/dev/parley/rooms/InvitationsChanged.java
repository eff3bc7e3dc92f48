package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.util.List;

/**
 * The user's pending invitations changed otherwise than by a new one: they answered one (in any tab, or by the API), or
 * an admin withdrew it. Goes to the user's own topic, so that every open list reads them again.
 */
public record InvitationsChanged(UserId user) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(user.topic());
    }
}
