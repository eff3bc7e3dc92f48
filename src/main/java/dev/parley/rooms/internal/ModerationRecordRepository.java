package dev.parley.rooms.internal;

import dev.parley.rooms.ModerationRecord;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ModerationRecordRepository extends JpaRepository<ModerationRecord, Long> {

    /** The room's log, newest first, from before {@code beforeId} (exclusive): one page. */
    @Query("select r from ModerationRecord r where r.roomId = :roomId and r.id < :beforeId order by r.id desc")
    List<ModerationRecord> findPage(long roomId, long beforeId, Limit limit);
}
