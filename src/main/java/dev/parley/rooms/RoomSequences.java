package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.rooms.internal.PostNumbers;
import dev.parley.rooms.internal.RoomRepository;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each room's message numbers: the sequence number of its next message and the version of its next change, taken inside
 * the writing transaction. Taking one locks the room's row until the transaction ends, so numbers become visible in the
 * order taken, and a client holding version V can ask for exactly what changed after it.
 */
@Service
@Transactional
public class RoomSequences {

    private final RoomRepository rooms;
    private final PostNumbers postNumbers;
    private final RoomGuard guard;
    private final Clock clock;

    RoomSequences(RoomRepository rooms, PostNumbers postNumbers, RoomGuard guard, Clock clock) {
        this.rooms = rooms;
        this.postNumbers = postNumbers;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Takes the next sequence number and version of a room for a new message, inside the caller's (write) transaction,
     * in one update: it locks the room's row until the transaction ends. The caller has checked that the message may be
     * posted.
     */
    public MessageNumbers nextMessageNumbers(RoomId room) {
        if (rooms.incrementLastSeqAndVersion(room.value()) != 1) {
            throw new NotFoundException(RoomGuard.NOT_FOUND);
        }
        return rooms.findLastSeqAndVersion(room.value());
    }

    /**
     * Takes the next message numbers of a room for a post by {@code actor}, in the caller's (write) transaction, and
     * checks in the same statement that they may post there: a member, the room not archived, not muted now. Only when
     * that statement changes nothing are the reasons looked up, to say which ({@link RoomGuard#requirePoster}). The
     * caller checked {@link RoomGuard#requirePoster} on a reader before: this keeps the writer's share of a post to
     * what must be there.
     *
     * @throws NotFoundException when the room is private and the actor not a member, or the room is gone
     * @throws NotAllowedException when the actor is not a member, the room is archived or their account disabled
     * @throws MutedException when the actor is muted in the room
     */
    public MessageNumbers nextMessageNumbersFor(UserId actor, RoomId room) {
        MessageNumbers taken = postNumbers.take(room.value(), actor.value(), clock.instant());
        if (taken == null) {
            guard.requirePoster(actor, room);
            throw new NotFoundException(RoomGuard.NOT_FOUND);
        }
        return taken;
    }

    /**
     * Takes the next message version of a room, inside the caller's (write) transaction: every edit and delete stamps
     * the message it changes with one. The update locks the room's row until the transaction ends.
     */
    public long nextVersion(RoomId room) {
        if (rooms.incrementLastVersion(room.value()) != 1) {
            throw new NotFoundException(RoomGuard.NOT_FOUND);
        }
        return rooms.findLastVersion(room.value());
    }
}
