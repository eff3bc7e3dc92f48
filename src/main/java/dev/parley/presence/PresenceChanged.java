package dev.parley.presence;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user came online or went offline; {@code lastSeen} is set when they went offline. Published straight to the
 * broadcaster by {@link PresenceService}, on everyone's {@value #TOPIC} topic.
 */
public record PresenceChanged(
        UserId user, boolean online, @Nullable Instant lastSeen) implements TopicEvent {

    public static final String TOPIC = "presence";

    @Override
    public List<String> topics() {
        return List.of(TOPIC);
    }
}
