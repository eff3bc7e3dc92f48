package dev.parley.rooms.internal;

import dev.parley.rooms.RoomBan;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RoomBanRepository extends JpaRepository<RoomBan, Long> {

    boolean existsByRoomIdAndUserId(long roomId, long userId);

    Optional<RoomBan> findByRoomIdAndUserId(long roomId, long userId);

    List<RoomBan> findByRoomIdOrderByCreatedAtDesc(long roomId);
}
