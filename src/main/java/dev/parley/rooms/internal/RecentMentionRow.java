package dev.parley.rooms.internal;

import java.time.Instant;

/** A mention of a member, with its room and the member's read position there. */
public record RecentMentionRow(long roomId, String roomSlug, String roomName, long seq, Instant at, long lastReadSeq) {}
