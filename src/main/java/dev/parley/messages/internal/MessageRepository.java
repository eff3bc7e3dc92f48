package dev.parley.messages.internal;

import dev.parley.messages.Message;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Keyset pagination on (room_id, seq): every page is an index range scan, never an OFFSET. Catching up on changes is
 * the same on (room_id, version).
 */
public interface MessageRepository extends JpaRepository<Message, Long> {

    /** Every message of these rooms with one of these sequence numbers: the caller keeps the pairs it wants. */
    List<Message> findByRoomIdInAndSeqIn(Collection<Long> roomIds, Collection<Long> seqs);

    List<Message> findByRoomIdOrderBySeqDesc(long roomId, Limit limit);

    List<Message> findByRoomIdAndSeqLessThanOrderBySeqDesc(long roomId, long seq, Limit limit);

    List<Message> findByRoomIdAndSeqGreaterThanOrderBySeqAsc(long roomId, long seq, Limit limit);

    List<Message> findByRoomIdAndVersionGreaterThanOrderByVersionAsc(long roomId, long version, Limit limit);

    /** Whether this message is stored with this number, time and text: asked after a commit that reported a failure. */
    @Query("select count(m) > 0 from Message m where m.id = :id and m.roomId = :roomId and m.seq = :seq"
            + " and m.createdAt = :createdAt and m.body = :body")
    boolean existsAsPosted(long id, long roomId, long seq, Instant createdAt, String body);

    /** Deletes every message of a room, for deleting the room: one statement. */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @org.springframework.data.jpa.repository.Query("delete from Message m where m.roomId = :roomId")
    int deleteByRoomId(long roomId);
}
