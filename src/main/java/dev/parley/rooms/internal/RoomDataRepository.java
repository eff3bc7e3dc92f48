package dev.parley.rooms.internal;

import dev.parley.rooms.Room;
import java.util.List;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Bulk deletes of everything the rooms feature keeps of one room, for deleting the room: one statement each, however
 * much there is. Run in the deleting transaction after the other features have deleted theirs. Also who is invited to
 * it, to tell them their invitation went.
 */
public interface RoomDataRepository extends Repository<Room, Long> {

    /** Who has a pending invitation to the room: their invitation lists change when it goes. */
    @Query("select i.userId from RoomInvite i where i.roomId = :roomId")
    List<Long> findInvitees(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Mention m where m.roomId = :roomId")
    int deleteMentions(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RoomInvite i where i.roomId = :roomId")
    int deleteInvites(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from InviteLink l where l.roomId = :roomId")
    int deleteLinks(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RoomBan b where b.roomId = :roomId")
    int deleteBans(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RoomMute m where m.roomId = :roomId")
    int deleteMutes(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ModerationRecord r where r.roomId = :roomId")
    int deleteLog(long roomId);

    /** Memberships, and with them the members' read positions. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Membership m where m.roomId = :roomId")
    int deleteMemberships(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Room r where r.id = :roomId")
    int deleteRoom(long roomId);
}
