package dev.parley.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An identity at an OpenID Connect provider (its issuer and the subject it names the person by) linked to a Parley
 * account: single sign-on and the provider's access tokens find the account by it. One account may have several.
 */
@Entity
@Table(name = "user_identities")
public class UserIdentity {

    public static final int ISSUER_MAX_LENGTH = 255;
    public static final int SUBJECT_MAX_LENGTH = 255;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false, length = ISSUER_MAX_LENGTH)
    private String issuer;

    @Column(nullable = false, length = SUBJECT_MAX_LENGTH)
    private String subject;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserIdentity() {
        this.issuer = "";
        this.subject = "";
        this.createdAt = Instant.EPOCH;
    }

    UserIdentity(UserId userId, String issuer, String subject, Instant createdAt) {
        this.userId = userId.value();
        this.issuer = issuer;
        this.subject = subject;
        this.createdAt = createdAt;
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public String issuer() {
        return issuer;
    }

    public String subject() {
        return subject;
    }
}
