package dev.parley.rooms.internal;

import dev.parley.rooms.reading.Mention;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MentionRepository extends JpaRepository<Mention, Long> {

    boolean existsByUserIdAndRoomIdAndSeq(long userId, long roomId, long seq);

    /** The room and sequence number of each unread mention of the user, in rooms they are a member of: one query. */
    @Query("""
            select new dev.parley.rooms.internal.UnreadMentionRow(x.roomId, x.seq)
            from Mention x join Membership m on m.roomId = x.roomId and m.userId = x.userId
            where x.userId = :userId and x.seq > m.lastReadSeq""")
    List<UnreadMentionRow> findUnread(long userId);

    /**
     * The user's newest mentions in rooms they are a member of now, newest first: room id, slug and name, sequence
     * number, time, and the member's read position in the room.
     */
    @Query("""
            select new dev.parley.rooms.internal.RecentMentionRow(
                x.roomId, r.slug, r.name, x.seq, x.createdAt, m.lastReadSeq)
            from Mention x join Membership m on m.roomId = x.roomId and m.userId = x.userId
            join Room r on r.id = x.roomId
            where x.userId = :userId order by x.createdAt desc, x.id desc""")
    List<RecentMentionRow> findRecent(long userId, Limit limit);
}
