package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.presence.PresenceChanged;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.EventsMissed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The rosters of the rooms that have views open: one {@link RoomRoster} per room, made when its first view opens and
 * dropped when its last one closes. Presence and profile changes come on everyone's topics and are applied to the open
 * rosters that hold the user (a look-up each, no query); joins, departures and roles come on each room's topic. Views
 * of a room learn of presence changes at most once per {@link #PRESENCE_INTERVAL}, together.
 */
@Component
public class RoomRosters {

    /** Presence comes in storms in a large room; views show it at most this often. */
    static final Duration PRESENCE_INTERVAL = Duration.ofSeconds(1);

    /** Tells a roster's views of presence once the interval has passed, on a virtual thread. */
    private static final Executor presenceLater = CompletableFuture.delayedExecutor(
            PRESENCE_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS,
            task -> Thread.ofVirtual().name("parley-roster-presence").start(task));

    private final Broadcaster broadcaster;
    private final RoomGuard guard;
    private final Memberships members;
    private final PresenceService presence;
    /** Changed under this object's lock; read without it by the presence and profile subscriptions. */
    private final Map<RoomId, RoomRoster> open = new ConcurrentHashMap<>();

    private final List<Subscription> subscriptions = new ArrayList<>();

    RoomRosters(Broadcaster broadcaster, RoomGuard guard, Memberships members, PresenceService presence) {
        this.broadcaster = broadcaster;
        this.guard = guard;
        this.members = members;
        this.presence = presence;
    }

    @PostConstruct
    void start() {
        subscriptions.add(broadcaster.subscribe(PresenceChanged.TOPIC, event -> {
            if (event instanceof PresenceChanged change) {
                for (RoomRoster roster : open.values()) {
                    if (roster.onPresence(change)) {
                        presenceLater.execute(roster::presenceDue);
                    }
                }
            }
        }));
        subscriptions.add(broadcaster.subscribe(UserProfileChanged.TOPIC, event -> {
            if (event instanceof UserProfileChanged changed) {
                open.values().forEach(roster -> roster.onProfileChanged(changed.user()));
            }
        }));
    }

    @PreDestroy
    void stop() {
        subscriptions.forEach(Subscription::close);
    }

    /**
     * The room's roster for a view of it, after checking that the actor may read the room; {@code listener} is told of
     * every change from then on (on the roster's threads: it should only ask for a render) until the returned
     * subscription is closed.
     *
     * @throws dev.parley.base.NotFoundException when the room is private and the actor not a member, or it is gone
     */
    public Handle open(UserId actor, RoomId room, Runnable listener) {
        guard.requireReadable(actor, room);
        RoomRoster roster;
        synchronized (this) {
            roster = open.computeIfAbsent(room, RoomRoster::new);
            roster.users++;
        }
        try {
            roster.loadOnce(
                    () -> broadcaster.subscribe(room.topic(), event -> onRoomEvent(roster, event)),
                    () -> members.loadMembers(room));
        } catch (RuntimeException e) {
            release(roster);
            throw e;
        }
        roster.addListener(listener);
        return new Handle(roster, () -> {
            roster.removeListener(listener);
            release(roster);
        });
    }

    /** A view's use of a roster; closing it ends the view's listener. */
    public record Handle(RoomRoster roster, Subscription subscription) implements AutoCloseable {

        @Override
        public void close() {
            subscription.close();
        }
    }

    /** How many rooms have a roster now: for tests. */
    int openCount() {
        return open.size();
    }

    private synchronized void release(RoomRoster roster) {
        roster.users--;
        if (roster.users == 0) {
            open.remove(roster.room(), roster);
            roster.close();
        }
    }

    private void onRoomEvent(RoomRoster roster, Object event) {
        switch (event) {
            case MembershipChanged changed ->
                roster.onMembership(changed, presence.isOnline(changed.user().id()));
            case MemberRoleChanged changed -> roster.onRoleChanged(changed);
            case EventsMissed missed -> roster.reload(members.loadMembers(roster.room()));
            default -> {}
        }
    }
}
