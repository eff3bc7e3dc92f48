package dev.parley.accounts;

import dev.parley.realtime.TopicEvent;
import java.util.List;

/**
 * A user's display name or picture changed. It carries the new summary, so that every view showing the user can show it
 * without a query; it goes to everyone ({@link #TOPIC}) and to the user's own UIs.
 */
public record UserProfileChanged(UserSummary user) implements TopicEvent {

    /** Everyone's topic: the same as new accounts'. */
    public static final String TOPIC = UserRegistered.TOPIC;

    @Override
    public List<String> topics() {
        return List.of(TOPIC, user.id().topic());
    }
}
