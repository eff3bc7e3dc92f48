package dev.parley.rooms;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/** A room's admin invited a user: their open views show it at once. Goes to the invitee's own topic only. */
public record InvitationReceived(Invitation invitation) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(invitation.invitee().id().topic());
    }
}
