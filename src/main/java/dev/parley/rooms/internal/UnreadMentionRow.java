package dev.parley.rooms.internal;

/** An unread message that mentions a member: its room and sequence number. */
public record UnreadMentionRow(long roomId, long seq) {}
