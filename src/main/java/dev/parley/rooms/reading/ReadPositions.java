package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.base.NotFoundException;
import dev.parley.rooms.Membership;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.MentionRepository;
import dev.parley.rooms.internal.ReadPositionRow;
import dev.parley.rooms.internal.ReadPositionWriter;
import dev.parley.rooms.internal.UnreadMentionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each member has read, and which messages mention them: the stored side of unread and mention badges. Posting
 * records the author's own read and the mentions ({@link #readOwnMessage}, {@link #recordMention}); views record what
 * they showed through {@link ReadPositionRecorder}; badges start from {@link #readPositions} and follow live events
 * through {@link UnreadTracker}.
 */
@Service
@Transactional
public class ReadPositions {

    private final MembershipRepository memberships;
    private final MentionRepository mentions;
    private final ReadPositionWriter writer;
    private final ApplicationEventPublisher events;

    ReadPositions(
            MembershipRepository memberships,
            MentionRepository mentions,
            ReadPositionWriter writer,
            ApplicationEventPublisher events) {
        this.memberships = memberships;
        this.mentions = mentions;
        this.writer = writer;
        this.events = events;
    }

    /**
     * The user's read position in each of their rooms, with the unread messages that mention them, in two queries: what
     * unread and mention badges start from. Unread is the room's last sequence number minus the member's, so counting
     * never scans messages.
     */
    @Transactional(readOnly = true)
    public Map<RoomId, ReadPosition> readPositions(UserId actor) {
        Map<RoomId, Set<Long>> unreadMentions = new HashMap<>();
        for (UnreadMentionRow row : mentions.findUnread(actor.value())) {
            unreadMentions
                    .computeIfAbsent(new RoomId(row.roomId()), room -> new HashSet<>())
                    .add(row.seq());
        }
        Map<RoomId, ReadPosition> result = new HashMap<>();
        for (ReadPositionRow row : memberships.findReadPositions(actor.value())) {
            RoomId room = new RoomId(row.roomId());
            result.put(
                    room,
                    new ReadPosition(row.lastSeq(), row.lastReadSeq(), unreadMentions.getOrDefault(room, Set.of())));
        }
        return result;
    }

    /**
     * The sequence number of the newest message the member has seen in the room.
     *
     * @throws NotFoundException when the user is not a member of the room (only members have a read position)
     */
    @Transactional(readOnly = true)
    public long readPosition(UserId actor, RoomId room) {
        return memberships
                .findByRoomIdAndUserId(room.value(), actor.value())
                .map(Membership::lastReadSeq)
                .orElseThrow(() -> new NotFoundException("No such room"));
    }

    /**
     * Raises many read positions in one transaction and one batch update: for {@link ReadPositionRecorder}, which
     * collects what views showed. Positions only go up; rows of non-members are ignored; each raised one is announced
     * to the user's other tabs ({@link ReadPositionChanged}).
     */
    public void markReadAll(Map<ReadPositionRecorder.Key, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        List<ReadPositionWriter.Raise> rows = new ArrayList<>();
        positions.forEach((key, seq) -> rows.add(
                new ReadPositionWriter.Raise(key.room().value(), key.user().value(), seq)));
        boolean[] changed = writer.raise(rows);
        for (int i = 0; i < rows.size(); i++) {
            if (changed[i]) {
                ReadPositionWriter.Raise row = rows.get(i);
                events.publishEvent(
                        new ReadPositionChanged(new UserId(row.userId()), new RoomId(row.roomId()), row.seq()));
            }
        }
    }

    /**
     * The author of a new message has read it and everything before it: called by posting, in its transaction, so that
     * one's own messages are never unread. No event: the author's tabs see the message itself.
     */
    public void readOwnMessage(UserId author, RoomId room, long seq) {
        // Through JDBC, in the caller's transaction: as JPQL it was translated to SQL anew on every call, and it
        // flushed the post's message first, on the one writer thread
        // (docs/design-decisions/2026-11-22-group-commit.md).
        writer.raise(List.of(new ReadPositionWriter.Raise(room.value(), author.value(), seq)));
    }

    /**
     * Records that a message mentioned a member, inside the caller's (write) transaction: the caller has resolved
     * {@code user} among the room's members. Recording the same mention twice (an edit that names them again) changes
     * nothing.
     *
     * @return whether the mention is new
     */
    public boolean recordMention(RoomId room, long seq, UserId user, Instant at) {
        if (mentions.existsByUserIdAndRoomIdAndSeq(user.value(), room.value(), seq)) {
            return false;
        }
        mentions.save(new Mention(room, user, seq, at));
        return true;
    }

    /**
     * The user's newest mentions, newest first, in rooms they are a member of now: leaving a room takes its mentions
     * out of the list.
     */
    @Transactional(readOnly = true)
    public List<RecentMention> recentMentions(UserId actor, int limit) {
        return mentions.findRecent(actor.value(), Limit.of(limit)).stream()
                .map(row -> new RecentMention(
                        new RoomId(row.roomId()),
                        row.roomSlug(),
                        row.roomName(),
                        row.seq(),
                        row.at(),
                        row.seq() > row.lastReadSeq()))
                .toList();
    }
}
