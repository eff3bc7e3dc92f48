package dev.parley.files;

import dev.parley.accounts.UserId;
import dev.parley.rooms.RoomId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An uploaded file's row: pending (no message) from its upload until a message takes it. The bytes are at
 * {@code uploads/<storageName>} and an image's thumbnail at {@code uploads/<storageName>.thumb}; the names are random
 * and made here, never from the user's file name.
 */
@Entity
@Table(name = "files")
public class StoredFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "uploader_id", nullable = false)
    private long uploaderId;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "message_id")
    private @Nullable Long messageId;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(nullable = false, length = FileNames.MAX_LENGTH)
    private String name;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    @Column(name = "byte_size", nullable = false)
    private long size;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(name = "storage_name", nullable = false, length = 64, unique = true)
    private String storageName;

    @Column(name = "thumbnail_type", length = 32)
    private @Nullable String thumbnailType;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredFile() {
        this.name = "";
        this.mediaType = "";
        this.storageName = "";
        this.createdAt = Instant.EPOCH;
    }

    StoredFile(
            UserId uploader,
            RoomId room,
            String name,
            String mediaType,
            long size,
            int width,
            int height,
            String storageName,
            @Nullable String thumbnailType,
            Instant createdAt) {
        this.uploaderId = uploader.value();
        this.roomId = room.value();
        this.name = name;
        this.mediaType = mediaType;
        this.size = size;
        this.width = width;
        this.height = height;
        this.storageName = storageName;
        this.thumbnailType = thumbnailType;
        this.createdAt = createdAt;
    }

    public FileId id() {
        if (id == null) {
            throw new IllegalStateException("File is not saved yet");
        }
        return new FileId(id);
    }

    public UserId uploaderId() {
        return new UserId(uploaderId);
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    /** The message it is attached to, or null while pending. */
    public @Nullable Long messageId() {
        return messageId;
    }

    public boolean pending() {
        return messageId == null;
    }

    public String storageName() {
        return storageName;
    }

    public @Nullable String thumbnailType() {
        return thumbnailType;
    }

    public String name() {
        return name;
    }

    public String mediaType() {
        return mediaType;
    }

    public long size() {
        return size;
    }

    public int sortOrder() {
        return sortOrder;
    }

    public Instant createdAt() {
        return createdAt;
    }

    Attachment toAttachment() {
        return new Attachment(id(), name, mediaType, size, width, height);
    }
}
