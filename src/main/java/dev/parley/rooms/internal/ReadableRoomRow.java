package dev.parley.rooms.internal;

/** A room a user may read, with the highest room id there is when it was read. */
public record ReadableRoomRow(long id, String slug, String name, long highestId) {}
