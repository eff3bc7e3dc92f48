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

/** A pending invitation of a user to a room; answering it (accept or decline) deletes it. */
@Entity
@Table(name = "room_invites")
public class RoomInvite {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "invited_by", nullable = false)
    private long invitedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RoomInvite() {
        this.createdAt = Instant.EPOCH;
    }

    RoomInvite(RoomId room, UserId invitee, UserId invitedBy, Instant createdAt) {
        this.roomId = room.value();
        this.userId = invitee.value();
        this.invitedBy = invitedBy.value();
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Invitation is not saved yet");
        }
        return id;
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public UserId invitee() {
        return new UserId(userId);
    }

    public UserId invitedBy() {
        return new UserId(invitedBy);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
