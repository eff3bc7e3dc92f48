package dev.parley.presence;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.OnlineUsers;
import dev.parley.accounts.UserId;
import dev.parley.base.NodeName;
import dev.parley.base.WorkClaims;
import dev.parley.cluster.ClusterProperties;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.LocalBroadcaster;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Tracks open UIs per user and publishes {@link PresenceChanged} on the {@value PresenceChanged#TOPIC} topic when a
 * user's first UI opens or last UI closes. In a cluster, this node's UIs are told to the other nodes instead, and a
 * user is online while a UI of theirs is open on any node ({@link ClusterPresence}).
 */
@Service
public class PresenceService implements OnlineUsers {

    private final ConcurrentHashMap<UserId, Set<Connection>> connections = new ConcurrentHashMap<>();
    private final Broadcaster broadcaster;
    private final AccountService accounts;
    private final PresenceProperties properties;
    private final Clock clock;
    private volatile boolean stopping;

    private final @Nullable ClusterPresence cluster;

    /** One node on its own. */
    PresenceService(Broadcaster broadcaster, AccountService accounts, PresenceProperties properties, Clock clock) {
        this.broadcaster = broadcaster;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        this.cluster = null;
    }

    /** One node on its own, or, with {@code parley.cluster.redis-url} set, one of a cluster's. */
    @Autowired
    PresenceService(
            Broadcaster broadcaster,
            LocalBroadcaster local,
            AccountService accounts,
            PresenceProperties properties,
            Clock clock,
            ClusterProperties cluster,
            NodeName node,
            WorkClaims claims) {
        this.broadcaster = broadcaster;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        this.cluster = cluster.redisUrl() == null
                ? null
                : new ClusterPresence(broadcaster, local, accounts, claims, clock, node, cluster, this::localUsers);
    }

    /**
     * Registers an open UI of the user.
     *
     * @param onExpire runs when the UI is taken as gone for lack of heartbeats, so it can be closed
     */
    public Connection connect(UserId user, Runnable onExpire) {
        Connection connection = new Connection(user, onExpire);
        changing(() -> connections.compute(user, (u, set) -> {
            Set<Connection> result = set == null ? ConcurrentHashMap.newKeySet() : set;
            boolean first = result.isEmpty();
            // A roster waits for the change and what it tells to end (ClusterPresence.changing): the user is in the map
            // by then.
            result.add(connection);
            if (first) {
                // Published under the map's lock for this user only (publishing just enqueues), so that one
                // user's online and offline events cannot overtake each other.
                if (cluster != null) {
                    cluster.cameOnline(u);
                } else {
                    broadcaster.publish(PresenceChanged.TOPIC, new PresenceChanged(u, true, null));
                }
            }
            return result;
        }));
        return connection;
    }

    /** Runs a change of this node's tabs; in a cluster, with what it tells other nodes ({@link ClusterPresence}). */
    private void changing(Runnable change) {
        if (cluster != null) {
            cluster.changing(change);
        } else {
            change.run();
        }
    }

    @Override
    public boolean isOnline(UserId user) {
        return cluster != null ? cluster.isOnline(user) : connections.containsKey(user);
    }

    /**
     * Takes the user offline now, as if every UI of theirs had closed (a guest who leaves): everyone sees it at once.
     * Their UIs, signed out meanwhile, close on their own; closing a connection twice changes nothing.
     */
    @Override
    public void disconnect(UserId user) {
        Set<Connection> open = connections.get(user);
        if (open != null) {
            List.copyOf(open).forEach(Connection::close);
        }
    }

    /** A snapshot of the users online now. */
    public Set<UserId> onlineUsers() {
        return cluster != null ? cluster.onlineUsers() : localUsers();
    }

    /** The users with a UI open on this node. */
    private Set<UserId> localUsers() {
        // A user whose last UI is being removed has an empty set until the removal ends: offline already.
        return connections.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Scheduled(fixedDelayString = "${parley.presence.sweep-interval:10s}")
    void expireStale() {
        long deadline = clock.millis() - properties.timeout().toMillis();
        connections.values().stream()
                .flatMap(Set::stream)
                .filter(c -> c.lastHeartbeat < deadline)
                .toList()
                .forEach(Connection::expire);
    }

    /**
     * At shutdown everyone still online goes offline: their last-seen time is recorded now, while the database is still
     * there, and the UIs that close afterwards write nothing.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        if (cluster != null) {
            cluster.stop();
        }
        Instant now = clock.instant();
        accounts.recordLastSeen(Set.copyOf(connections.keySet()), now);
    }

    private void remove(Connection connection) {
        Instant now = clock.instant();
        AtomicBoolean wentOffline = new AtomicBoolean();
        changing(() -> connections.computeIfPresent(connection.user, (u, set) -> {
            if (!set.remove(connection) || !set.isEmpty()) {
                return set;
            }
            wentOffline.set(true);
            if (cluster != null) {
                cluster.wentOffline(u, now);
            } else {
                broadcaster.publish(PresenceChanged.TOPIC, new PresenceChanged(u, false, now));
            }
            return null;
        }));
        if (wentOffline.get() && !stopping) {
            accounts.recordLastSeen(connection.user, now);
        }
    }

    /** One open UI. */
    public final class Connection {

        private final UserId user;
        private final Runnable onExpire;
        private volatile long lastHeartbeat;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Connection(UserId user, Runnable onExpire) {
            this.user = user;
            this.onExpire = onExpire;
            this.lastHeartbeat = clock.millis();
        }

        /** The UI is still there (a heartbeat or any request arrived). */
        public void touch() {
            lastHeartbeat = clock.millis();
        }

        /** The UI closed. */
        public void close() {
            if (closed.compareAndSet(false, true)) {
                remove(this);
            }
        }

        private void expire() {
            close();
            onExpire.run();
        }
    }
}
