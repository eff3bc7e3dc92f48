package dev.parley.messages;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.realtime.Broadcaster;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is typing where, in memory on this node: publishes {@link TypingChanged} on the room's topic when someone starts
 * typing, and again when they stop: on sending, on leaving the room, or {@value #IDLE_MILLIS} ms after the last
 * keystroke that reached the server. While someone keeps typing it is repeated at most once a second, so that a view
 * opened meanwhile learns of it too.
 */
@Service
public class TypingService {

    /** Typing is over this long after the last keystroke. */
    static final long IDLE_MILLIS = 2000;

    /** While someone types, "still typing" goes out at most this often. */
    static final long REPUBLISH_MILLIS = 1000;

    private final ConcurrentHashMap<Key, Typist> typists = new ConcurrentHashMap<>();
    private final RoomGuard guard;
    private final AccountService accounts;
    private final Broadcaster broadcaster;
    private final Clock clock;

    TypingService(RoomGuard guard, AccountService accounts, Broadcaster broadcaster, Clock clock) {
        this.guard = guard;
        this.accounts = accounts;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    /**
     * The user typed in the room's composer.
     *
     * @throws NotFoundException when the room is not visible to the user
     * @throws NotAllowedException when the user may not post there
     */
    @Transactional(readOnly = true)
    public void typing(UserId actor, RoomId room) {
        guard.requirePoster(actor, room);
        Key key = new Key(room, actor);
        Typist known = typists.get(key);
        UserSummary user = known != null ? known.user : accounts.summary(actor);
        long now = clock.millis();
        // Published under the map's lock for this user and room (publishing only enqueues), so that their "typing"
        // and "stopped" cannot overtake each other.
        typists.compute(key, (k, typist) -> {
            if (typist == null) {
                publish(room, user, true);
                return new Typist(user, now);
            }
            typist.lastKeystroke = now;
            if (now - typist.lastPublished >= REPUBLISH_MILLIS) {
                publish(room, typist.user, true);
                typist.lastPublished = now;
            }
            return typist;
        });
    }

    /** The user stopped typing in the room (sent the message, or closed the room); nothing happens if they weren't. */
    public void stopped(UserId actor, RoomId room) {
        typists.computeIfPresent(new Key(room, actor), (key, typist) -> {
            publish(room, typist.user, false);
            return null;
        });
    }

    @Scheduled(fixedDelay = 250)
    void expireIdle() {
        long deadline = clock.millis() - IDLE_MILLIS;
        for (Key key : typists.keySet()) {
            typists.computeIfPresent(key, (k, typist) -> {
                if (typist.lastKeystroke > deadline) {
                    return typist;
                }
                publish(k.room, typist.user, false);
                return null;
            });
        }
    }

    private void publish(RoomId room, UserSummary user, boolean typing) {
        broadcaster.publish(room.topic(), new TypingChanged(room, user, typing));
    }

    private record Key(RoomId room, UserId user) {}

    /** Changed only under the map's lock for its key. */
    private static final class Typist {

        final UserSummary user;
        long lastKeystroke;
        long lastPublished;

        Typist(UserSummary user, long now) {
            this.user = user;
            this.lastKeystroke = now;
            this.lastPublished = now;
        }
    }
}
