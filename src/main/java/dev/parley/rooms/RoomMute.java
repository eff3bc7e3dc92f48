package dev.parley.rooms;

import dev.parley.accounts.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A member muted in a room until {@code mutedUntil}: they read, but cannot post, edit, react or upload. A row past its
 * time no longer counts, whether or not the sweep has removed it yet.
 */
@Entity
@Table(name = "room_mutes")
public class RoomMute {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "muted_by", nullable = false)
    private long mutedBy;

    @Column(nullable = false, length = ModerationService.REASON_MAX_LENGTH)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "muted_until", nullable = false)
    private Instant mutedUntil;

    protected RoomMute() {
        this.reason = "";
        this.createdAt = Instant.EPOCH;
        this.mutedUntil = Instant.EPOCH;
    }

    RoomMute(RoomId room, UserId user, UserId mutedBy, String reason, Instant createdAt, Instant mutedUntil) {
        this.roomId = room.value();
        this.userId = user.value();
        this.mutedBy = mutedBy.value();
        this.reason = reason;
        this.createdAt = createdAt;
        this.mutedUntil = mutedUntil;
    }

    /** Mutes again: a new time (longer or shorter), by whoever did it now. */
    void renew(UserId by, String newReason, Instant at, Instant until) {
        this.mutedBy = by.value();
        this.reason = newReason;
        this.createdAt = at;
        this.mutedUntil = until;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Mute is not saved yet");
        }
        return id;
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public UserId mutedBy() {
        return new UserId(mutedBy);
    }

    public String reason() {
        return reason;
    }

    public Instant mutedUntil() {
        return mutedUntil;
    }

    /** Whether the mute still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return mutedUntil.isAfter(now);
    }
}
