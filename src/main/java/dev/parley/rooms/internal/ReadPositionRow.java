package dev.parley.rooms.internal;

/** A member's read position in one room, with the room's newest sequence number. */
public record ReadPositionRow(long roomId, long lastSeq, long lastReadSeq) {}
