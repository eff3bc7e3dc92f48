package dev.parley.messages;

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

/** A stored message; {@code seq} numbers the messages of a room 1, 2, 3… without gaps. */
@Entity
@Table(name = "messages")
public class Message {

    /** The longest body, counted after trimming. */
    public static final int BODY_MAX_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "author_id", nullable = false)
    private long authorId;

    @Column(nullable = false, length = BODY_MAX_LENGTH)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Message() {
        this.body = "";
        this.createdAt = Instant.EPOCH;
    }

    Message(RoomId room, long seq, UserId author, String body, Instant createdAt) {
        this.roomId = room.value();
        this.seq = seq;
        this.authorId = author.value();
        this.body = body;
        this.createdAt = createdAt;
    }

    public MessageId id() {
        if (id == null) {
            throw new IllegalStateException("Message is not saved yet");
        }
        return new MessageId(id);
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public long seq() {
        return seq;
    }

    public UserId authorId() {
        return new UserId(authorId);
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
