package dev.parley.rooms;

import dev.parley.accounts.UserSummary;

/** A member of a room, for the members sidebar. */
public record RoomMember(UserSummary user, RoomRole role, boolean online) {}
