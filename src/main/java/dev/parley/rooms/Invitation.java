package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import java.time.Instant;

/** A pending invitation, as the invitee's list and the room admins' list show it. */
public record Invitation(
        long id,
        RoomId room,
        String roomSlug,
        String roomName,
        boolean roomPrivate,
        UserSummary invitee,
        UserSummary invitedBy,
        Instant at) {}
