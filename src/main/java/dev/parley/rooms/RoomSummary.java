package dev.parley.rooms;

/**
 * A room as the lobby, the navigation and the REST API show it to one user.
 *
 * @param member whether that user is a member
 * @param role that user's role, or null when not a member
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
        @org.jspecify.annotations.Nullable RoomRole role) {

    public RoomSummary withCounts(int memberCount, int onlineCount) {
        return new RoomSummary(id, slug, name, description, isPrivate, memberCount, onlineCount, member, role);
    }

    public RoomSummary withMembership(boolean member, @org.jspecify.annotations.Nullable RoomRole role) {
        return new RoomSummary(id, slug, name, description, isPrivate, memberCount, onlineCount, member, role);
    }
}
