package dev.parley.rooms;

import dev.parley.accounts.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user's membership of a room, with their role in it. */
@Entity
@Table(name = "memberships")
public class Membership {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RoomRole role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    /** The sequence number of the newest message of the room this member has seen. */
    @Column(name = "last_read_seq", nullable = false)
    private long lastReadSeq;

    protected Membership() {
        this.role = RoomRole.MEMBER;
        this.joinedAt = Instant.EPOCH;
    }

    /** A new member has read everything posted before they joined: {@code lastReadSeq} is the room's last_seq. */
    Membership(RoomId room, UserId user, RoomRole role, Instant joinedAt, long lastReadSeq) {
        this.roomId = room.value();
        this.userId = user.value();
        this.role = role;
        this.joinedAt = joinedAt;
        this.lastReadSeq = lastReadSeq;
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public RoomRole role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    void changeRole(RoomRole newRole) {
        this.role = newRole;
    }

    public long lastReadSeq() {
        return lastReadSeq;
    }
}
