package dev.parley.rooms;

import dev.parley.accounts.UserSummary;
import java.time.Instant;

/** A member muted in a room, by whom, why (possibly empty) and until when. */
public record MutedMember(UserSummary user, UserSummary mutedBy, String reason, Instant until) {}
