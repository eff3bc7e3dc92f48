package dev.parley.accounts;

/** Identifies a user account; other features refer to users by this, never by entity. */
public record UserId(long value) {

    /** The topic for events meant only for this user's own UIs. */
    public String topic() {
        return "user:" + value;
    }
}
