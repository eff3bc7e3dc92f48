package dev.parley.accounts;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/** A new account exists. */
public record UserRegistered(UserSummary user) implements TopicEvent {

    public static final String TOPIC = "users";

    @Override
    public List<String> topics() {
        return List.of(TOPIC);
    }
}
