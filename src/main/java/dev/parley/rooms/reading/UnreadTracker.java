package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one user's unread and mention counts up to date for a view (the room navigation, the lobby) without a query per
 * message: it starts from the read positions (one query) and follows the topics of the user's rooms, counting each new
 * message's sequence number against the known read position, and the mentions of the user on their own topic
 * ({@link NewMention}). The room the view is showing is not followed: its messages already reach the open room view,
 * and it has no badge. Events are handled on the broadcaster's thread, without the UI's lock; {@code changed} is told
 * which room's count changed (batch it before touching the UI).
 *
 * <p>{@link #follow} and {@link #close} are called from the UI's thread.
 */
public final class UnreadTracker implements AutoCloseable {

    private final ReadPositions reading;
    private final Broadcaster broadcaster;
    private final UserId user;
    private final Consumer<RoomId> changed;
    private final Map<RoomId, ReadPosition> positions = new ConcurrentHashMap<>();
    private final Map<RoomId, Subscription> roomSubscriptions = new HashMap<>();
    private final Subscription userSubscription;
    private volatile @Nullable RoomId viewing;
    private boolean loaded;

    public UnreadTracker(ReadPositions reading, Broadcaster broadcaster, UserId user, Consumer<RoomId> changed) {
        this.reading = reading;
        this.broadcaster = broadcaster;
        this.user = user;
        this.changed = changed;
        this.userSubscription = broadcaster.subscribe(user.topic(), this::onUserEvent);
    }

    /**
     * Follows the user's rooms, except {@code viewing} (the room the view shows, or null). Does nothing when that room
     * is unchanged since the last call; {@link #reload} is for a change in which rooms the user belongs to.
     */
    public void follow(@Nullable RoomId viewing) {
        if (loaded && Objects.equals(viewing, this.viewing)) {
            return;
        }
        this.viewing = viewing;
        reload();
    }

    /** Reads the positions again (one query) and follows the user's rooms as they are now. */
    public void reload() {
        loaded = true;
        Map<RoomId, ReadPosition> before = reading.readPositions(user);
        boolean subscribed = false;
        for (RoomId room : before.keySet()) {
            if (!room.equals(viewing) && !roomSubscriptions.containsKey(room)) {
                roomSubscriptions.put(room, broadcaster.subscribe(room.topic(), this::onRoomEvent));
                subscribed = true;
            }
        }
        roomSubscriptions.keySet().removeIf(room -> {
            if (room.equals(viewing) || !before.containsKey(room)) {
                roomSubscriptions.get(room).close();
                return true;
            }
            return false;
        });
        // A message may have come between the query and a new subscription: read again, now that none can be missed.
        Map<RoomId, ReadPosition> current = subscribed ? reading.readPositions(user) : before;
        positions.keySet().retainAll(current.keySet());
        current.forEach((room, position) -> positions.merge(room, position, ReadPosition::merge));
    }

    /** The rooms the user belongs to, as far as the tracker knows. */
    public Set<RoomId> rooms() {
        return Set.copyOf(positions.keySet());
    }

    /** Unread messages in the room; 0 for the room being viewed and for rooms the user is not in. */
    public long unread(RoomId room) {
        if (room.equals(viewing)) {
            return 0;
        }
        ReadPosition position = positions.get(room);
        return position == null ? 0 : position.unread();
    }

    /** Unread messages in the room that mention the user; 0 for the room being viewed and rooms the user is not in. */
    public int unreadMentions(RoomId room) {
        if (room.equals(viewing)) {
            return 0;
        }
        ReadPosition position = positions.get(room);
        return position == null ? 0 : position.unreadMentions();
    }

    /** Unread mentions in all the user's rooms but the one being viewed: the count on the notifications button. */
    public int unreadMentions() {
        return positions.keySet().stream().mapToInt(this::unreadMentions).sum();
    }

    @Override
    public void close() {
        userSubscription.close();
        roomSubscriptions.values().forEach(Subscription::close);
        roomSubscriptions.clear();
    }

    private void onRoomEvent(Object event) {
        if (!(event instanceof NewRoomMessage message) || message.roomId().equals(viewing)) {
            return;
        }
        boolean own = message.postedBy(user);
        // A message of one's own (from another tab or the API) means everything before it was read.
        ReadPosition after = positions.computeIfPresent(
                message.roomId(), (room, p) -> own ? p.readUpTo(message.seq()) : p.withMessage(message.seq()));
        if (after != null) {
            changed.accept(message.roomId());
        }
    }

    private void onUserEvent(Object event) {
        if (event instanceof ReadPositionChanged read && !read.room().equals(viewing)) {
            if (positions.computeIfPresent(read.room(), (room, p) -> p.readUpTo(read.seq())) != null) {
                changed.accept(read.room());
            }
        } else if (event instanceof RoomDeleted deleted) {
            // Its subscription goes with the next reload; its counts go now.
            if (positions.remove(deleted.id()) != null) {
                changed.accept(deleted.id());
            }
        } else if (event instanceof NewMention mention
                && mention.mentioned().equals(user)
                && !mention.roomId().equals(viewing)) {
            if (positions.computeIfPresent(mention.roomId(), (room, p) -> p.withMention(mention.seq())) != null) {
                changed.accept(mention.roomId());
            }
        }
    }
}
