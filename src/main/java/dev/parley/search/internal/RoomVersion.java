package dev.parley.search.internal;

/** A room and the version of its latest change to a message: what the catch-up compares with its watermark. */
public record RoomVersion(long room, long version) {}
