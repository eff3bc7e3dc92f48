package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserRegistered;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.presence.PresenceService;
import dev.parley.rooms.internal.MemberNameRow;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.RoomInviteRepository;
import dev.parley.rooms.internal.RoomRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in a room, with which role: joining and leaving, removing members and changing their roles, the member list,
 * and the general room every new account joins. Every change is told to the open views ({@link MembershipChanged},
 * {@link MemberRoleChanged}).
 */
@Service
@Transactional
public class Memberships {

    /** Why a guest may not enter a private room (or a direct conversation, which is one). */
    public static final String GUESTS_PUBLIC_ONLY = "Guests can only be in public rooms";

    /** Why the last admin may not leave or step down: a room always keeps one. */
    public static final String LAST_ADMIN = "You are the room's last admin. Make someone else admin first.";

    private static final String NO_SUCH_MEMBER = "No such member";

    private final RoomRepository rooms;
    private final MembershipRepository memberships;
    private final RoomInviteRepository invites;
    private final RoomGuard guard;
    private final RoomSummaries summaries;
    private final ModerationLog log;
    private final AccountService accounts;
    private final PresenceService presence;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Memberships(
            RoomRepository rooms,
            MembershipRepository memberships,
            RoomInviteRepository invites,
            RoomGuard guard,
            RoomSummaries summaries,
            ModerationLog log,
            AccountService accounts,
            PresenceService presence,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.invites = invites;
        this.guard = guard;
        this.summaries = summaries;
        this.log = log;
        this.accounts = accounts;
        this.presence = presence;
        this.events = events;
        this.clock = clock;
    }

    /** Joins a public room; joining twice changes nothing. */
    public RoomSummary join(UserId actor, String slug) {
        Room room = guard.requireRoom(slug);
        if (guard.isMember(room.id(), actor)) {
            return summaries.readable(actor, room);
        }
        if (room.isPrivate()) {
            throw new NotFoundException(RoomGuard.NOT_FOUND);
        }
        guard.requireNotBanned(room, actor);
        return admit(room, actor);
    }

    /**
     * Leaves a room; the user's open views of it close and receive nothing more from it.
     *
     * @throws ConflictException when the user is the room's last admin ({@value #LAST_ADMIN})
     */
    public void leave(UserId actor, String slug) {
        Room room = guard.requireRoom(slug);
        Membership membership = memberships
                .findByRoomIdAndUserId(room.id().value(), actor.value())
                .orElseThrow(() -> room.isPrivate()
                        ? new NotFoundException(RoomGuard.NOT_FOUND)
                        : new InvalidInputException("You are not a member of this room"));
        requireAnotherAdmin(membership);
        drop(room, membership, null, false);
    }

    /**
     * Removes a member from the room: their open views of it leave it at once and receive nothing more from it. Admins
     * may remove anyone but themselves; moderators anyone but admins.
     *
     * @throws NotFoundException when the room is private and the actor is not a member, or the user is no member
     * @throws NotAllowedException when the actor is neither admin nor moderator, or a moderator removes an admin
     * @throws InvalidInputException when the actor names themselves (they leave instead)
     */
    public void removeMember(UserId actor, String slug, String username) {
        Room room = guard.requireRoom(slug);
        RoomRole actorRole = guard.requireRole(
                room,
                actor,
                EnumSet.of(RoomRole.ADMIN, RoomRole.MODERATOR),
                "Only admins and moderators can remove members");
        Membership membership = requireMembership(room, username);
        if (membership.userId().equals(actor)) {
            throw new InvalidInputException("To leave the room yourself, use Leave");
        }
        if (membership.role() == RoomRole.ADMIN && actorRole != RoomRole.ADMIN) {
            throw new NotAllowedException("Moderators cannot remove admins");
        }
        drop(room, membership, accounts.summary(actor), false);
        log.record(room.id(), actor, ModerationAction.REMOVE, membership.userId(), null, "");
    }

    /**
     * Gives a member another role; admins only. The last admin cannot step down.
     *
     * @throws NotFoundException when the room is private and the actor is not a member, or the user is no member
     * @throws NotAllowedException when the actor is not an admin of the room
     * @throws ConflictException when the last admin would be left without one ({@value #LAST_ADMIN})
     */
    public void changeRole(UserId actor, String slug, String username, RoomRole role) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, EnumSet.of(RoomRole.ADMIN), "Only the room's admins can change roles");
        Membership membership = requireMembership(room, username);
        if (membership.role() == role) {
            return;
        }
        if (role != RoomRole.MEMBER && accounts.isGuest(membership.userId())) {
            throw new NotAllowedException("Guests can only be members, not admins or moderators");
        }
        if (role != RoomRole.ADMIN) {
            requireAnotherAdmin(membership);
        }
        membership.changeRole(role);
        events.publishEvent(new MemberRoleChanged(room.id(), accounts.summary(membership.userId()), role));
        log.record(
                room.id(),
                actor,
                ModerationAction.ROLE_CHANGE,
                membership.userId(),
                null,
                role.name().toLowerCase(Locale.ROOT));
    }

    /** The room's members, online first, then by name. */
    @Transactional(readOnly = true)
    public List<RoomMember> members(UserId actor, RoomId id) {
        guard.requireReadable(actor, id);
        return loadMembers(id).stream()
                .sorted(Comparator.comparing((RoomMember m) -> !m.online())
                        .thenComparing(m -> m.user().displayName().toLowerCase()))
                .toList();
    }

    /**
     * The room's members in no particular order, without a check: for {@link RoomRosters}, which checks, and orders
     * only the rows it shows.
     */
    @Transactional(readOnly = true)
    List<RoomMember> loadMembers(RoomId id) {
        List<Membership> list = memberships.findByRoomId(id.value());
        Map<UserId, UserSummary> users =
                accounts.summaries(list.stream().map(Membership::userId).toList());
        Set<UserId> online = presence.onlineUsers();
        return list.stream()
                .filter(m -> users.containsKey(m.userId()))
                .map(m -> new RoomMember(users.get(m.userId()), m.role(), online.contains(m.userId())))
                .toList();
    }

    /**
     * Which of the given usernames (lower case) are members of the room, in one query: for highlighting mentions. No
     * access check: the caller has made it, and answers only about names its user already sees in a message.
     */
    @Transactional(readOnly = true)
    public Set<String> memberUsernames(RoomId room, Collection<String> usernames) {
        return membersNamed(room, usernames).keySet();
    }

    /**
     * The members of the room among the given usernames (lower case), by username, in one query: whom a new message
     * mentions. No access check, as for {@link #memberUsernames}.
     */
    @Transactional(readOnly = true)
    public Map<String, UserId> membersNamed(RoomId room, Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return memberships.findMembersNamed(room.value(), usernames).stream()
                .collect(Collectors.toUnmodifiableMap(MemberNameRow::username, row -> new UserId(row.userId())));
    }

    /**
     * New accounts join the general room, in the transaction that creates them. Guests do not: they pick the public
     * rooms they want from the lobby.
     */
    @EventListener
    void joinGeneral(UserRegistered event) {
        if (event.user().guest()) {
            return;
        }
        rooms.findBySlug(RoomService.GENERAL)
                .ifPresent(general -> memberships.save(new Membership(
                        general.id(), event.user().id(), RoomRole.MEMBER, clock.instant(), general.lastSeq())));
    }

    /**
     * Makes the user a member of the room (the caller has checked that they may join), withdraws a pending invitation
     * of theirs to it, and tells every open view. Joining twice changes nothing.
     */
    RoomSummary admit(Room room, UserId user) {
        if (guard.isMember(room.id(), user)) {
            return summaries.readable(user, room);
        }
        guard.requireNotBanned(room, user);
        guard.requireEnabled(user);
        if (room.isPrivate() && accounts.isGuest(user)) {
            throw new NotAllowedException(GUESTS_PUBLIC_ONLY);
        }
        memberships.save(new Membership(room.id(), user, RoomRole.MEMBER, clock.instant(), room.lastSeq()));
        if (invites.deleteByRoomIdAndUserId(room.id().value(), user.value()) > 0) {
            events.publishEvent(new InvitationsChanged(user));
        }
        RoomSummary summary = summaries.readable(user, room);
        events.publishEvent(new MembershipChanged(summary, accounts.summary(user), true, summary.memberCount()));
        return summary;
    }

    /** The member of the room with this username. */
    Membership requireMembership(Room room, String username) {
        UserSummary user = accounts.findByUsername(username).orElseThrow(() -> new NotFoundException(NO_SUCH_MEMBER));
        return memberships
                .findByRoomIdAndUserId(room.id().value(), user.id().value())
                .orElseThrow(() -> new NotFoundException(NO_SUCH_MEMBER));
    }

    /**
     * Ends a membership, by the member leaving ({@code removedBy} null) or being removed or banned, and tells every
     * view.
     */
    void drop(Room room, Membership membership, @Nullable UserSummary removedBy, boolean banned) {
        UserId user = membership.userId();
        memberships.delete(membership);
        memberships.flush();
        RoomSummary summary = summaries.summarize(room, user, summaries.rolesIn(room.id()));
        events.publishEvent(new MembershipChanged(
                summary, accounts.summary(user), false, summary.memberCount(), removedBy, banned));
    }

    /**
     * A room made private loses its guests: guests are only ever in public rooms. Each leaves as a removed member does
     * (their views leave the room at once), and the moderation log says why.
     */
    void removeGuests(Room room, UserId actor) {
        List<Membership> guests = memberships.findGuestMemberships(room.id().value());
        if (guests.isEmpty()) {
            return;
        }
        UserSummary by = accounts.summary(actor);
        for (Membership guest : guests) {
            drop(room, guest, by, false);
            log.record(room.id(), actor, ModerationAction.REMOVE, guest.userId(), GUESTS_PUBLIC_ONLY, "");
        }
    }

    private void requireAnotherAdmin(Membership membership) {
        if (membership.role() == RoomRole.ADMIN
                && memberships.countByRoomIdAndRole(membership.roomId().value(), RoomRole.ADMIN) <= 1) {
            throw new ConflictException(LAST_ADMIN);
        }
    }
}
