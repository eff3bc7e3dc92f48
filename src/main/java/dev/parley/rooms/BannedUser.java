package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import java.time.Instant;

/** A user banned from a room, by whom, why (possibly empty) and when: the list moderators unban from. */
public record BannedUser(UserSummary user, UserSummary bannedBy, String reason, Instant at) {}
