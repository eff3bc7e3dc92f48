package dev.parley.webhooks;

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
 * An incoming webhook of a room: a name, who set it up and when, when it was last used, and the SHA-256 of its secret
 * token (the token itself is shown once, when it is made). A revoked webhook keeps its row, so that the messages it
 * posted keep pointing at it; its URL then answers 404 like one that never existed.
 */
@Entity
@Table(name = "webhooks")
public class Webhook {

    /** The longest name, as for display names: it is what its messages are shown under by default. */
    public static final int NAME_MAX_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(nullable = false, length = NAME_MAX_LENGTH)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "created_by", nullable = false)
    private long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    protected Webhook() {
        this.name = "";
        this.tokenHash = "";
        this.createdAt = Instant.EPOCH;
    }

    Webhook(RoomId room, String name, String tokenHash, UserId createdBy, Instant createdAt) {
        this.roomId = room.value();
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdBy = createdBy.value();
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Webhook is not saved yet");
        }
        return id;
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public String name() {
        return name;
    }

    public UserId createdBy() {
        return new UserId(createdBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable Instant lastUsedAt() {
        return lastUsedAt;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    void rename(String newName) {
        this.name = newName;
    }

    void used(Instant at) {
        this.lastUsedAt = at;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
