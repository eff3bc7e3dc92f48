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
 * A user account, or a guest: a visitor who joined with a name only (see {@link GuestAccess}). Usernames are stored in
 * lower case and compared that way, guests' names too, so that a name is unique ignoring case across both; a guest's
 * display name is their name as they typed it.
 */
@Entity
@Table(name = "users")
public class User {

    public static final int USERNAME_MIN_LENGTH = 3;
    public static final int USERNAME_MAX_LENGTH = 32;
    public static final String USERNAME_PATTERN = "[a-z0-9_-]+";
    public static final int GUEST_NAME_MIN_LENGTH = 1;
    public static final int GUEST_NAME_MAX_LENGTH = 50;
    /** A guest's name as typed; stored in lower case as the username, as typed as the display name. */
    public static final String GUEST_NAME_PATTERN = "[A-Za-z0-9_-]+";
    /** The longest name of either kind: the width of the username column. */
    public static final int NAME_MAX_LENGTH = GUEST_NAME_MAX_LENGTH;

    public static final int DISPLAY_NAME_MAX_LENGTH = 64;
    public static final int PASSWORD_MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; a longer limit would silently ignore the rest. */
    public static final int PASSWORD_MAX_LENGTH = 72;
    /**
     * bcrypt's limit in bytes of UTF-8: 72 characters of ASCII, fewer of others ("é" takes 2, an emoji 4). Spring
     * Security refuses to hash a longer password (an exception); checking one against a hash just answers no.
     */
    public static final int PASSWORD_MAX_BYTES = 72;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(nullable = false, unique = true, length = NAME_MAX_LENGTH)
    private String username;

    @Column(name = "display_name", nullable = false, length = DISPLAY_NAME_MAX_LENGTH)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at")
    private @Nullable Instant lastSeenAt;

    /** Every change of the picture (upload or removal) takes the next number; it never goes back. */
    @Column(name = "avatar_version", nullable = false)
    private int avatarVersion;

    @Column(name = "has_avatar", nullable = false)
    private boolean hasAvatar;

    /** A disabled account can neither sign in nor use its API tokens. */
    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "instance_admin", nullable = false)
    private boolean instanceAdmin;

    /** A visitor who joined with a name only: no password, no API tokens, public rooms only. Never changes. */
    @Column(nullable = false)
    private boolean guest;

    protected User() {
        this.username = "";
        this.displayName = "";
        this.passwordHash = "";
        this.createdAt = Instant.EPOCH;
    }

    User(String username, String displayName, String passwordHash, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    /** A guest of this name (checked by the caller): no password, which no password matches. */
    static User guest(String name, Instant createdAt) {
        User user = new User(name.toLowerCase(java.util.Locale.ROOT), name, "", createdAt);
        user.guest = true;
        return user;
    }

    public UserId id() {
        if (id == null) {
            throw new IllegalStateException("User is not saved yet");
        }
        return new UserId(id);
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    /** Whether the account has a password; one made by single sign-on has none, and no password matches it. */
    public boolean hasPassword() {
        return !passwordHash.isEmpty();
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable Instant lastSeenAt() {
        return lastSeenAt;
    }

    void seenAt(Instant instant) {
        this.lastSeenAt = instant;
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    /** How many times the picture changed: the version of the current one, or of the last one removed. */
    int avatarChanges() {
        return avatarVersion;
    }

    public UserSummary summary() {
        return new UserSummary(id(), username, displayName, lastSeenAt, hasAvatar ? avatarVersion : 0, guest);
    }

    public boolean disabled() {
        return disabled;
    }

    void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public boolean instanceAdmin() {
        return instanceAdmin;
    }

    void makeInstanceAdmin() {
        this.instanceAdmin = true;
    }

    public boolean guest() {
        return guest;
    }
}
