package dev.parley.rooms.reading;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a member stands in a room: the sequence number of the room's newest message, of the newest one the member has
 * seen, and of the unread messages that mention them. Deleted messages still count until read: counting them out would
 * need a scan of the messages.
 *
 * @param mentions sequence numbers of unread messages that mention the member; those at or below {@code readSeq} are
 *     dropped
 */
public record ReadPosition(long lastSeq, long readSeq, Set<Long> mentions) {

    public ReadPosition {
        mentions = mentions.stream().filter(seq -> seq > readSeq).collect(Collectors.toUnmodifiableSet());
    }

    public ReadPosition(long lastSeq, long readSeq) {
        this(lastSeq, readSeq, Set.of());
    }

    public long unread() {
        return Math.max(0, lastSeq - readSeq);
    }

    /** How many unread messages mention the member: the mention badge, counted apart from {@link #unread()}. */
    public int unreadMentions() {
        return mentions.size();
    }

    /** After a message with this sequence number, by someone else, arrived. */
    public ReadPosition withMessage(long seq) {
        return seq <= lastSeq ? this : new ReadPosition(seq, readSeq, mentions);
    }

    /** After a message with this sequence number mentioned the member; one already read changes nothing. */
    public ReadPosition withMention(long seq) {
        if (seq <= readSeq || mentions.contains(seq)) {
            return withMessage(seq);
        }
        Set<Long> more = new HashSet<>(mentions);
        more.add(seq);
        return new ReadPosition(Math.max(lastSeq, seq), readSeq, more);
    }

    /** After the member saw (or wrote) everything up to this sequence number. */
    public ReadPosition readUpTo(long seq) {
        return new ReadPosition(Math.max(lastSeq, seq), Math.max(readSeq, seq), mentions);
    }

    /** What both positions know: the higher numbers, and the mentions of either that are still unread. */
    public ReadPosition merge(ReadPosition other) {
        Set<Long> all = new HashSet<>(mentions);
        all.addAll(other.mentions);
        return new ReadPosition(Math.max(lastSeq, other.lastSeq), Math.max(readSeq, other.readSeq), all);
    }
}
