package dev.parley.rooms.internal;

import dev.parley.rooms.RoomMute;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface RoomMuteRepository extends JpaRepository<RoomMute, Long> {

    Optional<RoomMute> findByRoomIdAndUserId(long roomId, long userId);

    /** The room's mutes that still hold, the soonest to end first. */
    @Query("select m from RoomMute m where m.roomId = :roomId and m.mutedUntil > :now order by m.mutedUntil")
    List<RoomMute> findActive(long roomId, Instant now);

    /** Mutes whose time has passed, for the sweep: at most a page at a time. */
    @Query("select m from RoomMute m where m.mutedUntil <= :now order by m.mutedUntil")
    List<RoomMute> findEnded(Instant now, org.springframework.data.domain.Limit limit);

    /** Deletes a mute if it has ended; 0 when it was lifted or renewed meanwhile. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RoomMute m where m.id = :id and m.mutedUntil <= :now")
    int deleteIfEnded(long id, Instant now);

    long deleteByRoomIdAndUserId(long roomId, long userId);
}
