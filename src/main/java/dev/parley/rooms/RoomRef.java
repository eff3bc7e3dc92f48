package dev.parley.rooms;

/** A room by id, slug and name: enough to show and link it, as search results do. */
public record RoomRef(RoomId id, String slug, String name) {}
