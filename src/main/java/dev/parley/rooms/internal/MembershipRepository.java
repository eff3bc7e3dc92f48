package dev.parley.rooms.internal;

import dev.parley.rooms.Membership;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MembershipRepository extends JpaRepository<Membership, Long> {

    Optional<Membership> findByRoomIdAndUserId(long roomId, long userId);

    boolean existsByRoomIdAndUserId(long roomId, long userId);

    List<Membership> findByRoomId(long roomId);

    List<Membership> findByRoomIdIn(Collection<Long> roomIds);

    @Query("select m.roomId from Membership m where m.userId = :userId")
    List<Long> findRoomIdsOfUser(long userId);

    /** Which of the given (lower-case) usernames belong to members of the room: one query, whatever the count. */
    @Query("""
            select u.username from Membership m join User u on u.id = m.userId
            where m.roomId = :roomId and u.username in :usernames""")
    List<String> findMemberUsernames(long roomId, Collection<String> usernames);
}
