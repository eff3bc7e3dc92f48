package dev.parley.presence;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.base.NodeName;
import dev.parley.base.WorkClaims;
import dev.parley.cluster.ClusterProperties;
import dev.parley.presence.NodePresence.NodeStopping;
import dev.parley.presence.NodePresence.Roster;
import dev.parley.presence.NodePresence.RostersRequested;
import dev.parley.presence.NodePresence.UserOnNode;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.EventsMissed;
import dev.parley.realtime.LocalBroadcaster;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence over the nodes of a cluster: a user is online while any tab of theirs is open on any node. Each node tells
 * the others, through the cluster's broadcaster, when a user's first tab opens on it or their last one closes there
 * ({@link UserOnNode}), and every heartbeat interval who is online on it ({@link Roster}), which also says it is alive.
 * Every node reads the same events in the same order, keeps which users are online on which node, and makes the
 * {@link PresenceChanged} its own views follow when a user's first node comes or last node goes.
 *
 * <p>A node not heard of for {@code parley.cluster.node-timeout} is taken as gone (killed, or cut off from Redis): its
 * users go offline everywhere unless open elsewhere, and one node records when they were last seen. A node that comes
 * back, or that may have missed events, sends its roster and asks for everyone's.
 */
final class ClusterPresence {

    private static final Logger log = LoggerFactory.getLogger(ClusterPresence.class);

    private final Broadcaster cluster;
    private final LocalBroadcaster local;
    private final AccountService accounts;
    private final WorkClaims claims;
    private final Clock clock;
    private final String node;
    private final ClusterProperties properties;
    private final Supplier<Set<UserId>> localUsers;
    /** Read-held while this node's tabs change and that is told ({@link #changing}); write-held for a roster. */
    private final ReadWriteLock publishing = new ReentrantReadWriteLock();

    /** Which nodes each user is online on, and the reverse; changed only in this object's lock. */
    private final Map<UserId, Set<String>> nodesOf = new ConcurrentHashMap<>();

    private final Map<String, Set<UserId>> usersOn = new HashMap<>();
    /** When each other node was last heard of, in the clock's milliseconds. */
    private final Map<String, Long> lastHeard = new HashMap<>();

    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("parley-presence-heartbeat").factory());
    private final Subscription subscription;

    /**
     * @param cluster the cluster's broadcaster, through which nodes tell each other
     * @param local this node's, on which the {@link PresenceChanged} for its views are published
     * @param localUsers the users with a tab open on this node now
     */
    ClusterPresence(
            Broadcaster cluster,
            LocalBroadcaster local,
            AccountService accounts,
            WorkClaims claims,
            Clock clock,
            NodeName node,
            ClusterProperties properties,
            Supplier<Set<UserId>> localUsers) {
        this.cluster = cluster;
        this.local = local;
        this.accounts = accounts;
        this.claims = claims;
        this.clock = clock;
        this.node = node.name();
        this.properties = properties;
        this.localUsers = localUsers;
        this.subscription = cluster.subscribe(NodePresence.TOPIC, this::onEvent);
        cluster.publish(NodePresence.TOPIC, new RostersRequested(this.node));
        long interval = properties.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    boolean isOnline(UserId user) {
        return nodesOf.containsKey(user);
    }

    Set<UserId> onlineUsers() {
        return Set.copyOf(nodesOf.keySet());
    }

    /**
     * Runs a change of this node's tabs together with what it tells the other nodes ({@link #cameOnline},
     * {@link #wentOffline}, called inside it): a roster is taken before both or after both, never between, so that it
     * cannot be published after a user was told online without them, or after a user was told offline with them.
     */
    void changing(Runnable change) {
        publishing.readLock().lock();
        try {
            change.run();
        } finally {
            publishing.readLock().unlock();
        }
    }

    /** The user's first tab on this node opened; inside {@link #changing}. */
    void cameOnline(UserId user) {
        cluster.publish(NodePresence.TOPIC, new UserOnNode(node, user, true, clock.instant()));
    }

    /** The user's last tab on this node closed; inside {@link #changing}. */
    void wentOffline(UserId user, Instant at) {
        cluster.publish(NodePresence.TOPIC, new UserOnNode(node, user, false, at));
    }

    /** This node stops: the others take its users offline now, unless open elsewhere. */
    void stop() {
        heartbeat.shutdownNow();
        cluster.publish(NodePresence.TOPIC, new NodeStopping(node, clock.instant()));
        subscription.close();
    }

    private void sendRoster() {
        publishing.writeLock().lock();
        try {
            Set<Long> users = new HashSet<>();
            localUsers.get().forEach(user -> users.add(user.value()));
            cluster.publish(NodePresence.TOPIC, new Roster(node, users, clock.instant()));
        } finally {
            publishing.writeLock().unlock();
        }
    }

    private void beat() {
        try {
            sendRoster();
            forgetSilentNodes();
        } catch (RuntimeException e) {
            // The next beat tries again; a node that misses beats is what the others look for.
            log.warn("Presence heartbeat failed", e);
        }
    }

    private void onEvent(Object event) {
        switch (event) {
            case UserOnNode change -> {
                heard(change.node());
                if (change.online()) {
                    add(change.user(), change.node());
                } else {
                    remove(change.user(), change.node(), change.at());
                }
            }
            case Roster roster -> {
                heard(roster.node());
                replace(roster.node(), roster.users(), roster.at());
            }
            case RostersRequested request -> {
                heard(request.node());
                sendRoster();
            }
            case NodeStopping stopping -> forget(stopping.node(), stopping.at());
            case EventsMissed missed -> {
                // Who came and went meanwhile is unknown: everyone says again who is online on them.
                cluster.publish(NodePresence.TOPIC, new RostersRequested(node));
                sendRoster();
            }
            default -> {}
        }
    }

    private synchronized void heard(String from) {
        if (!from.equals(node)) {
            lastHeard.put(from, clock.millis());
        }
    }

    private synchronized void add(UserId user, String on) {
        usersOn.computeIfAbsent(on, n -> new HashSet<>()).add(user);
        Set<String> nodes = nodesOf.computeIfAbsent(user, u -> new HashSet<>());
        if (nodes.isEmpty()) {
            local.publish(PresenceChanged.TOPIC, new PresenceChanged(user, true, null));
        }
        nodes.add(on);
    }

    private synchronized void remove(UserId user, String on, Instant at) {
        Set<UserId> users = usersOn.get(on);
        if (users != null) {
            users.remove(user);
        }
        Set<String> nodes = nodesOf.get(user);
        if (nodes != null && nodes.remove(on) && nodes.isEmpty()) {
            nodesOf.remove(user);
            local.publish(PresenceChanged.TOPIC, new PresenceChanged(user, false, at));
        }
    }

    private synchronized void replace(String on, Set<Long> ids, Instant at) {
        Set<UserId> now = new HashSet<>();
        ids.forEach(id -> now.add(new UserId(id)));
        Set<UserId> before = Set.copyOf(usersOn.getOrDefault(on, Set.of()));
        for (UserId user : before) {
            if (!now.contains(user)) {
                remove(user, on, at);
            }
        }
        for (UserId user : now) {
            if (!before.contains(user)) {
                add(user, on);
            }
        }
    }

    /** Takes a node's users offline, unless open elsewhere; returns who went offline. */
    private synchronized List<UserId> forget(String gone, Instant at) {
        lastHeard.remove(gone);
        Set<UserId> users = usersOn.remove(gone);
        if (users == null) {
            return List.of();
        }
        List<UserId> offline = users.stream()
                .filter(user -> nodesOf.containsKey(user) && nodesOf.get(user).equals(Set.of(gone)))
                .toList();
        for (UserId user : users) {
            remove(user, gone, at);
        }
        return offline;
    }

    private void forgetSilentNodes() {
        long deadline = clock.millis() - properties.nodeTimeout().toMillis();
        Map<String, Long> silent = new HashMap<>();
        synchronized (this) {
            lastHeard.forEach((other, heard) -> {
                if (heard < deadline) {
                    silent.put(other, heard);
                }
            });
        }
        silent.forEach((gone, heard) -> {
            Instant at = Instant.ofEpochMilli(heard);
            List<UserId> offline = forget(gone, at);
            log.warn("Node {} not heard of since {}: taken as gone, {} users offline", gone, at, offline.size());
            // Every node forgets it by itself; one records when its users were last seen.
            if (claims.claim("presence:node-gone:" + gone + ":" + heard, properties.nodeTimeout())) {
                accounts.recordLastSeen(offline, at);
            }
        });
    }
}
