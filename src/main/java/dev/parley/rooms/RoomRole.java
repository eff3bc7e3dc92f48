package dev.parley.rooms;

/** A member's role in a room. The creator is its admin; everyone who joins is a member. */
public enum RoomRole {
    ADMIN,
    MODERATOR,
    MEMBER
}
