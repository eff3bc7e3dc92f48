package dev.parley.messages.internal;

import dev.parley.messages.MessageReaction;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Reactions are read a page of messages at a time, in the order they were made. */
public interface ReactionRepository extends JpaRepository<MessageReaction, Long> {

    @Query("select r from MessageReaction r where r.messageId in :messageIds order by r.id")
    List<MessageReaction> findByMessageIds(Collection<Long> messageIds);

    @Query("select count(r) > 0 from MessageReaction r"
            + " where r.messageId = :messageId and r.userId = :userId and r.emoji = :emoji")
    boolean exists(long messageId, long userId, String emoji);

    @Modifying
    @Query("delete from MessageReaction r where r.messageId = :messageId and r.userId = :userId and r.emoji = :emoji")
    int delete(long messageId, long userId, String emoji);

    @Modifying
    @Query("delete from MessageReaction r where r.messageId = :messageId")
    int deleteAllOf(long messageId);

    /** Deletes the reactions to every message of a room, for deleting the room: one statement. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from MessageReaction r where r.messageId in (select m.id from Message m where m.roomId = :roomId)")
    int deleteAllInRoom(long roomId);
}
