package dev.parley.rooms.internal;

import dev.parley.rooms.RoomInvite;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RoomInviteRepository extends JpaRepository<RoomInvite, Long> {

    List<RoomInvite> findByUserIdOrderByCreatedAtDesc(long userId);

    List<RoomInvite> findByRoomIdOrderByCreatedAtDesc(long roomId);

    boolean existsByRoomIdAndUserId(long roomId, long userId);

    long deleteByRoomIdAndUserId(long roomId, long userId);
}
