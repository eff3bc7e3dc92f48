package dev.parley.rooms;

/**
 * Where a member stands in a room: the sequence number of the room's newest message and of the newest one the
 * member has seen. Deleted messages still count until read: counting them out would need a scan of the messages.
 */
public record ReadPosition(long lastSeq, long readSeq) {

    public long unread() {
        return Math.max(0, lastSeq - readSeq);
    }

    /** After a message with this sequence number, by someone else, arrived. */
    public ReadPosition withMessage(long seq) {
        return new ReadPosition(Math.max(lastSeq, seq), readSeq);
    }

    /** After the member saw (or wrote) everything up to this sequence number. */
    public ReadPosition readUpTo(long seq) {
        return new ReadPosition(Math.max(lastSeq, seq), Math.max(readSeq, seq));
    }
}
