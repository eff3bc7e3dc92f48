package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An invite link as the room's admins see it: everything but the token, which is never stored.
 *
 * @param expiresAt null when it never expires
 * @param maxUses null when unlimited
 * @param refusal why it no longer lets anyone in, or null while it does
 */
public record InviteLinkInfo(
        long id,
        RoomId room,
        UserSummary createdBy,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Integer maxUses,
        int uses,
        @Nullable String refusal) {

    public boolean usable() {
        return refusal == null;
    }
}
