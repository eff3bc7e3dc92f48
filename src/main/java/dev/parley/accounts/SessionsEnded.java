package dev.parley.accounts;

import dev.parley.realtime.TopicEvent;
import java.util.List;
import java.util.Set;

/**
 * Some of a user's browser sessions were signed out (from the Profile page, or by a password change): their open tabs
 * go to the sign-in page. Goes to the user's own topic; the ids never leave the server.
 */
public record SessionsEnded(UserId user, Set<String> sessionIds) implements TopicEvent {

    @Override
    public List<String> topics() {
        return List.of(user.topic());
    }
}
