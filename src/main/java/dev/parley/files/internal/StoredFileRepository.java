package dev.parley.files.internal;

import dev.parley.files.StoredFile;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Files by message (a page's attachments in one query), by uploader (the quota), pending ones by age, and which stored
 * names have a row (the sweep of files a crash left behind).
 */
public interface StoredFileRepository extends JpaRepository<StoredFile, Long> {

    @Query("select f from StoredFile f where f.messageId in :messageIds order by f.messageId, f.sortOrder, f.id")
    List<StoredFile> findByMessageIds(Collection<Long> messageIds);

    @Query("select f from StoredFile f where f.messageId = :messageId")
    List<StoredFile> findByMessageId(long messageId);

    /** Every file of a room, sent or pending: for deleting the room. */
    @Query("select f from StoredFile f where f.roomId = :roomId")
    List<StoredFile> findByRoomId(long roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from StoredFile f where f.roomId = :roomId")
    int deleteByRoomId(long roomId);

    @Query("select coalesce(sum(f.size), 0) from StoredFile f where f.uploaderId = :uploaderId")
    long bytesStoredBy(long uploaderId);

    /** Those of these storage names that a row has. */
    @Query("select f.storageName from StoredFile f where f.storageName in :storageNames")
    List<String> findStorageNamesIn(Collection<String> storageNames);

    @Query("select f from StoredFile f where f.messageId is null and f.createdAt < :before order by f.id")
    List<StoredFile> findPendingCreatedBefore(Instant before);

    /** Marks one pending upload of this user in this room as the file of a message; 0 when it is not one. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update StoredFile f set f.messageId = :messageId, f.sortOrder = :sortOrder where f.id = :id"
            + " and f.uploaderId = :uploaderId and f.roomId = :roomId and f.messageId is null")
    int attach(long id, long uploaderId, long roomId, long messageId, int sortOrder);
}
