package dev.parley.accounts;

import dev.parley.realtime.TopicEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Some of a user's browsers are to be signed out on every node of a cluster, or every guest's: a browser's session
 * lives on the node it signed in on, so the node where it was asked ends its own sessions at once and tells the others
 * with this ({@link ActiveSessions}). Goes to the {@value #TOPIC} topic, after the transaction that asked commits.
 *
 * @param node the node that asked, which has ended its own sessions already
 * @param user whose sessions; null with {@code guests}
 * @param keepKey the one browser to keep (the asking one, {@link ActiveSessions.SignedIn#key()}), or null
 * @param key the one browser to end, or null for all but {@code keepKey}
 * @param guests every guest's sessions (guest access was turned off)
 */
public record SignOutRequested(
        String node,
        @Nullable UserId user,
        @Nullable String keepKey,
        @Nullable String key,
        boolean guests) implements TopicEvent {

    public static final String TOPIC = "sessions";

    @Override
    public List<String> topics() {
        return List.of(TOPIC);
    }
}
