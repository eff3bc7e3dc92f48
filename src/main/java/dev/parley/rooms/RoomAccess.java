package dev.parley.rooms;

import org.jspecify.annotations.Nullable;

/**
 * What one user may do in a room they can see: read it always; post when a member; remove others' messages when its
 * admin or a moderator.
 *
 * @param role the user's role, or null when they read a public room without being a member
 * @param archived whether the room is archived: nobody may change anything in it
 */
public record RoomAccess(RoomId room, @Nullable RoomRole role, boolean archived) {

    public boolean member() {
        return role != null;
    }

    /** Whether the user may delete other people's messages in the room. */
    public boolean moderates() {
        return canModerate(role);
    }

    /** Whether a member with this role may delete other people's messages. */
    public static boolean canModerate(@Nullable RoomRole role) {
        return role == RoomRole.ADMIN || role == RoomRole.MODERATOR;
    }
}
