package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.presence.PresenceService;
import dev.parley.rooms.internal.MembershipRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rooms as one user sees them ({@link RoomSummary}): member and online counts, their role, and direct conversations
 * named by the other people in them. Shared by the rooms feature's services; the caller's transaction reads.
 */
@Component
class RoomSummaries {

    private final MembershipRepository memberships;
    private final AccountService accounts;
    private final PresenceService presence;

    RoomSummaries(MembershipRepository memberships, AccountService accounts, PresenceService presence) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.presence = presence;
    }

    /**
     * The room as the user sees it.
     *
     * @throws NotFoundException when it is private and the user is not a member
     */
    RoomSummary readable(UserId actor, Room room) {
        Map<UserId, RoomRole> roles = rolesIn(room.id());
        if (room.isPrivate() && !roles.containsKey(actor)) {
            throw new NotFoundException(RoomGuard.NOT_FOUND);
        }
        return namedFor(actor, List.of(summarize(room, actor, roles)), Map.of(room.id(), roles))
                .getFirst();
    }

    /**
     * The rooms as the user sees them, in the given order, from their members' roles ({@link #rolesIn(List)}): a query
     * only when there are direct conversations to name.
     */
    List<RoomSummary> summaries(UserId actor, List<Room> rooms, Map<RoomId, Map<UserId, RoomRole>> members) {
        Set<UserId> online = presence.onlineUsers();
        List<RoomSummary> summaries = rooms.stream()
                .map(room -> summarize(room, actor, members.get(room.id()), online))
                .toList();
        return namedFor(actor, summaries, members);
    }

    /** The room as the user sees it, from its members' roles, without naming a direct conversation. */
    RoomSummary summarize(Room room, UserId actor, Map<UserId, RoomRole> roles) {
        return summarize(room, actor, roles, presence.onlineUsers());
    }

    /**
     * Names each direct conversation for the viewer by the other participants' display names, in one query for all of
     * them; rooms keep their names.
     */
    List<RoomSummary> namedFor(
            UserId actor, List<RoomSummary> summaries, Map<RoomId, Map<UserId, RoomRole>> membersByRoom) {
        Set<UserId> people = new HashSet<>();
        summaries.stream()
                .filter(RoomSummary::direct)
                .forEach(s -> people.addAll(
                        membersByRoom.getOrDefault(s.id(), Map.of()).keySet()));
        if (people.isEmpty()) {
            return summaries;
        }
        Map<UserId, UserSummary> users = accounts.summaries(people);
        return summaries.stream()
                .map(s -> s.direct()
                        ? s.withName(directName(
                                actor,
                                membersByRoom.getOrDefault(s.id(), Map.of()).keySet(),
                                users))
                        : s)
                .toList();
    }

    /** The members of the room with their roles: one query. */
    Map<UserId, RoomRole> rolesIn(RoomId room) {
        Map<UserId, RoomRole> roles = new HashMap<>();
        memberships.findByRoomId(room.value()).forEach(m -> roles.put(m.userId(), m.role()));
        return roles;
    }

    /** The members of each room with their roles: one query for all of them. */
    Map<RoomId, Map<UserId, RoomRole>> rolesIn(List<Room> rooms) {
        Map<RoomId, Map<UserId, RoomRole>> result = new HashMap<>();
        if (rooms.isEmpty()) {
            return result;
        }
        for (Membership m : memberships.findByRoomIdIn(
                rooms.stream().map(r -> r.id().value()).toList())) {
            result.computeIfAbsent(m.roomId(), k -> new HashMap<>()).put(m.userId(), m.role());
        }
        return result;
    }

    /** "Ada Lovelace" or "Ada Lovelace, Grace Hopper": everyone in the conversation but the viewer, by name. */
    private static String directName(UserId viewer, Collection<UserId> participants, Map<UserId, UserSummary> users) {
        List<String> names = participants.stream()
                .filter(id -> !id.equals(viewer))
                .map(users::get)
                .filter(Objects::nonNull)
                .map(UserSummary::displayName)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
        return names.isEmpty() ? "Only you" : String.join(", ", names);
    }

    private static RoomSummary summarize(
            Room room, UserId actor, @Nullable Map<UserId, RoomRole> members, Set<UserId> online) {
        Map<UserId, RoomRole> roles = members == null ? Map.of() : members;
        int onlineCount = (int) roles.keySet().stream().filter(online::contains).count();
        RoomRole role = roles.get(actor);
        return new RoomSummary(
                room.id(),
                room.slug(),
                room.name(),
                room.description(),
                room.isPrivate(),
                roles.size(),
                onlineCount,
                role != null,
                role,
                room.isDirect(),
                room.archived());
    }
}
