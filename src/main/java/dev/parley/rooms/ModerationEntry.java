package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One moderation action in a room, as its admins see it in the log.
 *
 * @param target whom it was done to, or null for a change of the room's settings
 * @param reason the reason given, or empty
 * @param detail what changed, for settings and roles ("design → product design", "moderator"), or empty
 */
public record ModerationEntry(
        long id,
        UserSummary actor,
        ModerationAction action,
        @Nullable UserSummary target,
        String reason,
        String detail,
        Instant at) {}
