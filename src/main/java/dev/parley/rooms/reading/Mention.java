package dev.parley.rooms.reading;

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
 * A member was mentioned in a room, by the message with the given sequence number. Unread while above the member's read
 * position; rooms keep them by sequence number so that they count without knowing messages.
 */
@Entity
@Table(name = "mentions")
public class Mention {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Mention() {
        this.createdAt = Instant.EPOCH;
    }

    Mention(RoomId room, UserId user, long seq, Instant createdAt) {
        this.roomId = room.value();
        this.userId = user.value();
        this.seq = seq;
        this.createdAt = createdAt;
    }
}
