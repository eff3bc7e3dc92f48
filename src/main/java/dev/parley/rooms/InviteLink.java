package dev.parley.rooms;

import dev.parley.accounts.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A link that lets any signed-in user join a room, until it expires, is used up or is revoked. Only the SHA-256 of its
 * token is kept; the token itself is shown once, when the link is made.
 */
@Entity
@Table(name = "invite_links")
public class InviteLink {

    /** The most uses a limited link may allow; more than this is "unlimited". */
    public static final int MAX_USES_LIMIT = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "created_by", nullable = false)
    private long createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    @Column(name = "max_uses")
    private @Nullable Integer maxUses;

    @Column(nullable = false)
    private int uses;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    protected InviteLink() {
        this.tokenHash = "";
        this.createdAt = Instant.EPOCH;
    }

    InviteLink(
            RoomId room,
            String tokenHash,
            UserId createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Integer maxUses) {
        this.roomId = room.value();
        this.tokenHash = tokenHash;
        this.createdBy = createdBy.value();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.maxUses = maxUses;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Invite link is not saved yet");
        }
        return id;
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public UserId createdBy() {
        return new UserId(createdBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable Instant expiresAt() {
        return expiresAt;
    }

    public @Nullable Integer maxUses() {
        return maxUses;
    }

    public int uses() {
        return uses;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /**
     * Why the link no longer lets anyone in at {@code now}, in words for the person who opened it; empty while it does.
     * Revoked wins over expired, and expired over used up, so that the answer does not change as time passes.
     */
    public Optional<String> refusal(Instant now) {
        if (revokedAt != null) {
            return Optional.of("This invite link was revoked by the room's admins.");
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Optional.of("This invite link has expired.");
        }
        if (maxUses != null && uses >= maxUses) {
            return Optional.of("This invite link has been used up.");
        }
        return Optional.empty();
    }
}
