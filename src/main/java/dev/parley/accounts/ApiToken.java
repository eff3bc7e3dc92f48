package dev.parley.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A REST API token. Only the SHA-256 hash of the token is stored; the token itself is shown once. */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

    public static final int NAME_MAX_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false, length = NAME_MAX_LENGTH)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    protected ApiToken() {
        this.name = "";
        this.tokenHash = "";
        this.createdAt = Instant.EPOCH;
    }

    ApiToken(UserId userId, String name, String tokenHash, Instant createdAt) {
        this.userId = userId.value();
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Token is not saved yet");
        }
        return id;
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable Instant lastUsedAt() {
        return lastUsedAt;
    }

    public ApiTokenInfo info() {
        return new ApiTokenInfo(id(), name, createdAt, lastUsedAt);
    }
}
