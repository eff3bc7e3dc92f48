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

/** A user banned from a room: until it is lifted they cannot join, be invited, accept an invitation or use a link. */
@Entity
@Table(name = "room_bans")
public class RoomBan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "banned_by", nullable = false)
    private long bannedBy;

    @Column(nullable = false, length = ModerationService.REASON_MAX_LENGTH)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RoomBan() {
        this.reason = "";
        this.createdAt = Instant.EPOCH;
    }

    RoomBan(RoomId room, UserId user, UserId bannedBy, String reason, Instant createdAt) {
        this.roomId = room.value();
        this.userId = user.value();
        this.bannedBy = bannedBy.value();
        this.reason = reason;
        this.createdAt = createdAt;
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public UserId bannedBy() {
        return new UserId(bannedBy);
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
