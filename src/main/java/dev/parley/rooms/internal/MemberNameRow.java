package dev.parley.rooms.internal;

/** A member of a room by username. */
public record MemberNameRow(String username, long userId) {}
