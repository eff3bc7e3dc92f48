package dev.parley.rooms;

/**
 * A room as the lobby, the navigation and the REST API show it to one user.
 *
 * @param name the room's name; for a direct conversation, the other participants' names as that user sees them
 * @param member whether that user is a member
 * @param role that user's role, or null when not a member
 * @param direct whether it is a direct conversation (a private room of a fixed group, listed apart, not in the lobby)
 * @param archived whether the room is archived: read-only for everyone
 */
public record RoomSummary(
        RoomId id,
        String slug,
        String name,
        String description,
        boolean isPrivate,
        int memberCount,
        int onlineCount,
        boolean member,
        @org.jspecify.annotations.Nullable RoomRole role,
        boolean direct,
        boolean archived) {

    public RoomSummary withCounts(int memberCount, int onlineCount) {
        return new RoomSummary(
                id, slug, name, description, isPrivate, memberCount, onlineCount, member, role, direct, archived);
    }

    public RoomSummary withMembership(boolean member, @org.jspecify.annotations.Nullable RoomRole role) {
        return new RoomSummary(
                id, slug, name, description, isPrivate, memberCount, onlineCount, member, role, direct, archived);
    }

    /** The same room after its admins changed its settings. */
    public RoomSummary withSettings(String name, String description, boolean isPrivate, boolean archived) {
        return new RoomSummary(
                id, slug, name, description, isPrivate, memberCount, onlineCount, member, role, direct, archived);
    }

    public RoomSummary withName(String name) {
        return new RoomSummary(
                id, slug, name, description, isPrivate, memberCount, onlineCount, member, role, direct, archived);
    }
}
