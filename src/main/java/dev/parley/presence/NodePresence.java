package dev.parley.presence;

import dev.parley.accounts.UserId;
import dev.parley.realtime.TopicEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the nodes of a cluster tell each other of who is online on them ({@link ClusterPresence}), on the
 * {@value #TOPIC} topic. Views never see these: each node makes {@link PresenceChanged} of them for its own views.
 */
public sealed interface NodePresence extends TopicEvent {

    String TOPIC = "presence:nodes";

    /** The node that says it. */
    String node();

    @Override
    default List<String> topics() {
        return List.of(TOPIC);
    }

    /** A user's first tab on the node opened, or their last one there closed. */
    record UserOnNode(String node, UserId user, boolean online, Instant at) implements NodePresence {}

    /**
     * Everyone online on the node now: at start-up, when asked, after events may have been missed, and every heartbeat
     * interval, which also says that the node is alive.
     *
     * @param users the users' ids
     */
    record Roster(String node, Set<Long> users, Instant at) implements NodePresence {}

    /** A node started, or may have missed events: every node sends its {@link Roster}. */
    record RostersRequested(String node) implements NodePresence {}

    /** The node stops (gracefully): its users go offline unless open on another node. */
    record NodeStopping(String node, Instant at) implements NodePresence {}
}
