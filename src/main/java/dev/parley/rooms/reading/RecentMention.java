package dev.parley.rooms.reading;

import dev.parley.rooms.RoomId;
import java.time.Instant;

/**
 * One entry of a user's mentions, in a room they are a member of: which room, the message's sequence number in it,
 * when, and whether it is above their read position.
 */
public record RecentMention(RoomId room, String roomSlug, String roomName, long seq, Instant at, boolean unread) {}
