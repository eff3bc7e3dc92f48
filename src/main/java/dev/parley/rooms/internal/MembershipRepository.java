package dev.parley.rooms.internal;

import dev.parley.rooms.Membership;
import dev.parley.rooms.RoomRole;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MembershipRepository extends JpaRepository<Membership, Long> {

    Optional<Membership> findByRoomIdAndUserId(long roomId, long userId);

    boolean existsByRoomIdAndUserId(long roomId, long userId);

    List<Membership> findByRoomId(long roomId);

    long countByRoomIdAndRole(long roomId, RoomRole role);

    List<Membership> findByRoomIdIn(Collection<Long> roomIds);

    /**
     * Username and id of each member of the room among the given (lower-case) usernames: one query, whatever the count.
     */
    @Query("""
            select new dev.parley.rooms.internal.MemberNameRow(u.username, u.id)
            from Membership m join User u on u.id = m.userId
            where m.roomId = :roomId and u.username in :usernames""")
    List<MemberNameRow> findMembersNamed(long roomId, Collection<String> usernames);

    /** The memberships of guests in the room: one query. */
    @Query("select m from Membership m join User u on u.id = m.userId where m.roomId = :roomId and u.guest = true")
    List<Membership> findGuestMemberships(long roomId);

    /** The user's read position and the room's newest sequence number, for every room of the user: one query. */
    @Query("""
            select new dev.parley.rooms.internal.ReadPositionRow(m.roomId, r.lastSeq, m.lastReadSeq)
            from Membership m join Room r on r.id = m.roomId
            where m.userId = :userId""")
    List<ReadPositionRow> findReadPositions(long userId);
}
