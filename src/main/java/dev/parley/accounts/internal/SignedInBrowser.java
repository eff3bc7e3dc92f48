package dev.parley.accounts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A browser a user is signed in with ({@code accounts.SignedInBrowsers}): only the SHA-256 of the secret in its cookie
 * is kept.
 */
@Entity
@Table(name = "signed_in_browsers")
public class SignedInBrowser {

    /** Room for "Chrome on Android" and the like, with a margin. */
    public static final int CLIENT_MAX_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "secret_hash", nullable = false, unique = true, length = 64)
    private String secretHash;

    @Column(nullable = false, length = CLIENT_MAX_LENGTH)
    private String client;

    @Column(name = "signed_in_at", nullable = false)
    private Instant signedInAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    protected SignedInBrowser() {
        this.secretHash = "";
        this.client = "";
        this.signedInAt = Instant.EPOCH;
        this.lastUsedAt = Instant.EPOCH;
    }

    public SignedInBrowser(long userId, String secretHash, String client, Instant signedInAt) {
        this.userId = userId;
        this.secretHash = secretHash;
        this.client = client.length() > CLIENT_MAX_LENGTH ? client.substring(0, CLIENT_MAX_LENGTH) : client;
        this.signedInAt = signedInAt;
        this.lastUsedAt = signedInAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Browser is not saved yet");
        }
        return id;
    }

    public long userId() {
        return userId;
    }

    public String client() {
        return client;
    }

    public Instant signedInAt() {
        return signedInAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
