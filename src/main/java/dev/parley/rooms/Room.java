package dev.parley.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A chat room. {@code lastSeq} is the sequence number of its newest message: messages are numbered 1, 2, 3… per room
 * without gaps, which makes "everything after N" exact. {@code lastVersion} counts every change to the room's messages
 * (a post, an edit, a delete), which makes "everything changed after V" exact.
 *
 * <p>Its admins change its name, description and visibility and archive it; the slug never changes, so that links to
 * the room keep working after a rename. An archived room is read-only for everyone.
 */
@Entity
@Table(name = "rooms")
public class Room {

    public static final int NAME_MAX_LENGTH = 64;
    public static final int DESCRIPTION_MAX_LENGTH = 500;
    public static final int SLUG_MAX_LENGTH = 48;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(nullable = false, unique = true, length = SLUG_MAX_LENGTH + 8)
    private String slug;

    @Column(nullable = false, length = NAME_MAX_LENGTH)
    private String name;

    @Column(nullable = false, length = DESCRIPTION_MAX_LENGTH)
    private String description;

    @Column(name = "is_private", nullable = false)
    private boolean isPrivate;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_version", nullable = false)
    private long lastVersion;

    /** For a direct conversation, the sorted ids of its participants ("3,8,12"); null for a room. */
    @Column(name = "direct_key", length = 200)
    private @Nullable String directKey;

    /** When the room was archived, or null while it is not. */
    @Column(name = "archived_at")
    private @Nullable Instant archivedAt;

    protected Room() {
        this.slug = "";
        this.name = "";
        this.description = "";
        this.createdAt = Instant.EPOCH;
    }

    Room(String slug, String name, String description, boolean isPrivate, Instant createdAt) {
        this.slug = slug;
        this.name = name;
        this.description = description;
        this.isPrivate = isPrivate;
        this.createdAt = createdAt;
    }

    /** A direct conversation: always private, found again by its participants' key. */
    static Room direct(String slug, String name, String directKey, Instant createdAt) {
        Room room = new Room(slug, name, "", true, createdAt);
        room.directKey = directKey;
        return room;
    }

    public RoomId id() {
        if (id == null) {
            throw new IllegalStateException("Room is not saved yet");
        }
        return new RoomId(id);
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public long lastVersion() {
        return lastVersion;
    }

    /** Whether the room is archived: read-only for everyone, still readable and searchable. */
    public boolean archived() {
        return archivedAt != null;
    }

    void rename(String newName) {
        this.name = newName;
    }

    void describe(String newDescription) {
        this.description = newDescription;
    }

    void makePrivate(boolean makePrivate) {
        this.isPrivate = makePrivate;
    }

    void archive(@Nullable Instant at) {
        this.archivedAt = at;
    }

    /** Whether this is a direct conversation rather than a room. */
    public boolean isDirect() {
        return directKey != null;
    }
}
