package dev.parley.webhooks;

import dev.parley.accounts.UserSummary;
import dev.parley.rooms.RoomId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as the room's admins see it: everything but the token, which is never stored.
 *
 * @param lastUsedAt when a message last came through it, or null if never
 * @param paused why it posts nothing at the moment (the person who set it up is no longer a member of the room, or
 *     their account was disabled), or null while it works
 */
public record WebhookInfo(
        long id,
        RoomId room,
        String name,
        UserSummary createdBy,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable String paused) {

    public boolean active() {
        return paused == null;
    }
}
