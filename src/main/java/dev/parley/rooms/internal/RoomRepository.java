package dev.parley.rooms.internal;

import dev.parley.rooms.MessageNumbers;
import dev.parley.rooms.Room;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface RoomRepository extends JpaRepository<Room, Long> {

    Optional<Room> findBySlug(String slug);

    boolean existsBySlug(String slug);

    Optional<Room> findByDirectKey(String directKey);

    /** Public rooms and the private rooms the user belongs to; direct conversations are not rooms of the lobby. */
    @Query("""
            select r from Room r
            where r.directKey is null
              and (r.isPrivate = false
                   or r.id in (select m.roomId from Membership m where m.userId = :userId))
            order by lower(r.name)""")
    List<Room> findVisibleTo(long userId);

    @Query("""
            select r from Room r
            where r.id in (select m.roomId from Membership m where m.userId = :userId)
            order by lower(r.name)""")
    List<Room> findMemberRooms(long userId);

    /**
     * Every room the user may read (public rooms, and the private rooms and direct conversations they are in) as its
     * id, slug and name, each with the highest room id there is, all read in one statement.
     */
    @Query("""
            select new dev.parley.rooms.internal.ReadableRoomRow(r.id, r.slug, r.name, (select max(h.id) from Room h))
            from Room r
            where r.isPrivate = false
               or r.id in (select m.roomId from Membership m where m.userId = :userId)""")
    List<ReadableRoomRow> findReadableWithHighestId(long userId);

    /** Takes the next sequence number and version of a new message in one statement. */
    @Modifying(flushAutomatically = true)
    @Query("update Room r set r.lastSeq = r.lastSeq + 1, r.lastVersion = r.lastVersion + 1 where r.id = :roomId")
    int incrementLastSeqAndVersion(long roomId);

    @Query("select new dev.parley.rooms.MessageNumbers(r.lastSeq, r.lastVersion) from Room r where r.id = :roomId")
    MessageNumbers findLastSeqAndVersion(long roomId);

    /** Takes the next message version; the row lock orders concurrent changes. */
    @Modifying(flushAutomatically = true)
    @Query("update Room r set r.lastVersion = r.lastVersion + 1 where r.id = :roomId")
    int incrementLastVersion(long roomId);

    @Query("select r.lastVersion from Room r where r.id = :roomId")
    long findLastVersion(long roomId);
}
