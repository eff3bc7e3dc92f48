package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.GoneException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.SecretTokens;
import dev.parley.rooms.internal.InviteLinkRepository;
import dev.parley.rooms.internal.RoomInviteRepository;
import dev.parley.rooms.internal.RoomRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ways into a room other than joining a public one: invitations by username, which the invitee accepts or declines,
 * and invite links with an expiry and a use limit. Only a room's admins invite and manage links; for a private room
 * these are the only way in, and to everyone else it stays a room that does not exist.
 */
@Service
@Transactional
public class InviteService {

    private static final Set<RoomRole> ADMINS = EnumSet.of(RoomRole.ADMIN);
    private static final String ONLY_ADMINS_INVITE = "Only the room's admins can invite";
    private static final String ONLY_ADMINS_LINKS = "Only the room's admins can manage invite links";
    private static final String NO_SUCH_INVITATION = "No such invitation";
    private static final String NO_SUCH_LINK = "This invite link is not valid. Ask the room's admins for a new one.";
    private static final String TOKEN_PREFIX = "pl_";

    private final RoomSummaries summaries;
    private final RoomGuard guard;
    private final Memberships members;
    private final RoomRepository roomRepository;
    private final RoomInviteRepository invites;
    private final InviteLinkRepository links;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InviteService(
            RoomSummaries summaries,
            RoomGuard guard,
            Memberships members,
            RoomRepository roomRepository,
            RoomInviteRepository invites,
            InviteLinkRepository links,
            AccountService accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.summaries = summaries;
        this.guard = guard;
        this.members = members;
        this.roomRepository = roomRepository;
        this.invites = invites;
        this.links = links;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Invites a user to the room; their open views show it at once ({@link InvitationReceived}).
     *
     * @throws NotFoundException when the room is private and the actor is not a member, or there is no such user
     * @throws NotAllowedException when the actor is not an admin of the room
     * @throws ConflictException when the user is a member already, already has a pending invitation to the room, is
     *     banned from it, their account is disabled, or they are a guest
     */
    public Invitation invite(UserId actor, String slug, String username) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, ADMINS, ONLY_ADMINS_INVITE);
        UserSummary invitee = accounts.findByUsername(username.strip())
                .orElseThrow(() -> new NotFoundException("No user is called " + username.strip()));
        if (guard.isMember(room.id(), invitee.id())) {
            throw new ConflictException(invitee.displayName() + " is already a member of this room");
        }
        if (guard.isBanned(room.id(), invitee.id())) {
            throw new ConflictException(invitee.displayName() + " is banned from this room. Unban them first.");
        }
        if (accounts.isDisabled(invitee.id())) {
            throw new ConflictException(invitee.displayName() + "'s account is disabled");
        }
        if (invitee.guest()) {
            throw new ConflictException(
                    invitee.displayName() + " is a guest: guests join public rooms themselves and cannot be invited");
        }
        if (invites.existsByRoomIdAndUserId(room.id().value(), invitee.id().value())) {
            throw new ConflictException(invitee.displayName() + " has already been invited and has not answered yet");
        }
        RoomInvite saved = invites.save(new RoomInvite(room.id(), invitee.id(), actor, clock.instant()));
        Invitation invitation = new Invitation(
                saved.id(),
                room.id(),
                room.slug(),
                room.name(),
                room.isPrivate(),
                invitee,
                accounts.summary(actor),
                saved.createdAt());
        events.publishEvent(new InvitationReceived(invitation));
        return invitation;
    }

    /** The user's pending invitations, newest first. */
    @Transactional(readOnly = true)
    public List<Invitation> invitations(UserId actor) {
        return describe(invites.findByUserIdOrderByCreatedAtDesc(actor.value()));
    }

    /**
     * The room's pending invitations, newest first; for its admins.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room
     */
    @Transactional(readOnly = true)
    public List<Invitation> roomInvitations(UserId actor, String slug) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, ADMINS, ONLY_ADMINS_INVITE);
        return describe(invites.findByRoomIdOrderByCreatedAtDesc(room.id().value()));
    }

    /**
     * Accepts one of the user's invitations: they become a member, and every open view follows as for joining.
     *
     * @throws NotFoundException when the user has no such invitation (someone else's answers the same)
     * @throws NotAllowedException when the user has been banned from the room since
     */
    public RoomSummary accept(UserId actor, long invitationId) {
        RoomInvite invite = ownInvitation(actor, invitationId);
        Room room = guard.requireRoom(invite.roomId());
        // Admitting withdraws the invitation and tells the user's other views.
        return members.admit(room, actor);
    }

    /**
     * Declines one of the user's invitations.
     *
     * @throws NotFoundException when the user has no such invitation (someone else's answers the same)
     */
    public void decline(UserId actor, long invitationId) {
        invites.delete(ownInvitation(actor, invitationId));
        events.publishEvent(new InvitationsChanged(actor));
    }

    /**
     * Withdraws a pending invitation; the room's admins only. A pending invitation is known to them and to the invitee
     * alone: to anyone else one answers exactly as an invitation that does not exist, whatever its room (a "No such
     * room" told that it was one to a private room, a refusal that it existed).
     *
     * @throws NotFoundException when there is no such invitation, or the actor is not an admin of its room nor its
     *     invitee
     * @throws NotAllowedException when the actor is its invitee (who declines instead), or a disabled admin
     */
    public void cancel(UserId actor, long invitationId) {
        RoomInvite invite = invites.findById(invitationId)
                .filter(pending ->
                        pending.invitee().equals(actor) || guard.roleOf(pending.roomId(), actor) == RoomRole.ADMIN)
                .orElseThrow(() -> new NotFoundException(NO_SUCH_INVITATION));
        if (invite.invitee().equals(actor)) {
            throw new NotAllowedException("Only the room's admins withdraw an invitation: decline it instead");
        }
        guard.requireRole(guard.requireRoom(invite.roomId()), actor, ADMINS, ONLY_ADMINS_INVITE);
        invites.delete(invite);
        events.publishEvent(new InvitationsChanged(invite.invitee()));
    }

    /**
     * Makes an invite link to the room. The token is in the answer and nowhere else: only its hash is stored.
     *
     * @param maxUses how many people may join by it, or null for any number
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room
     * @throws InvalidInputException when {@code maxUses} is not between 1 and {@value InviteLink#MAX_USES_LIMIT}
     */
    public NewInviteLink createLink(UserId actor, String slug, InviteExpiry expiry, @Nullable Integer maxUses) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, ADMINS, ONLY_ADMINS_LINKS);
        if (maxUses != null && (maxUses < 1 || maxUses > InviteLink.MAX_USES_LIMIT)) {
            throw new InvalidInputException(
                    "maxUses must be between 1 and " + InviteLink.MAX_USES_LIMIT + ", or empty for unlimited");
        }
        String token = SecretTokens.newToken(TOKEN_PREFIX, 24);
        Instant now = clock.instant();
        Duration lasts = expiry.duration();
        InviteLink link = links.save(new InviteLink(
                room.id(), SecretTokens.hash(token), actor, now, lasts == null ? null : now.plus(lasts), maxUses));
        return new NewInviteLink(info(link, accounts.summary(actor), now), token);
    }

    /**
     * The room's links that are not revoked, newest first, each with whether it still lets people in; for its admins.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room
     */
    @Transactional(readOnly = true)
    public List<InviteLinkInfo> links(UserId actor, String slug) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, ADMINS, ONLY_ADMINS_LINKS);
        List<InviteLink> list = links.findByRoomIdAndRevokedAtIsNullOrderByCreatedAtDesc(
                room.id().value());
        Map<UserId, UserSummary> creators =
                accounts.summaries(list.stream().map(InviteLink::createdBy).toList());
        Instant now = clock.instant();
        return list.stream()
                .map(link -> info(link, creators.get(link.createdBy()), now))
                .toList();
    }

    /**
     * Revokes one of the room's links: opening it says so from now on.
     *
     * @throws NotFoundException when the room is private and the actor is not a member, or it has no such link
     * @throws NotAllowedException when the actor is not an admin of the room
     */
    public void revokeLink(UserId actor, String slug, long linkId) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, ADMINS, ONLY_ADMINS_LINKS);
        links.findById(linkId)
                .filter(link -> link.roomId().equals(room.id()))
                .orElseThrow(() -> new NotFoundException("No such invite link"))
                .revoke(clock.instant());
    }

    /**
     * The room an invite link leads to, as the link's holder sees it before choosing to join: its name, description,
     * whether it is private, its member count. Nothing is counted or changed; a member already gets the room as they
     * see it. A link that would not let the user in is refused exactly as {@link #joinByLink} refuses it.
     *
     * @throws NotFoundException when no link has this token
     * @throws GoneException when the link expired, is used up or was revoked, saying which
     * @throws NotAllowedException when the user is banned from the room, or is a guest and the room is private
     */
    @Transactional(readOnly = true)
    public RoomSummary linkedRoom(UserId actor, String token) {
        InviteLink link = link(token);
        Room room = guard.requireRoom(link.roomId());
        if (guard.isMember(room.id(), actor)) {
            return summaries.readable(actor, room);
        }
        requireUsable(link, room, actor);
        return summaries.summarize(room, actor, summaries.rolesIn(room.id()));
    }

    /**
     * Joins the room of an invite link, private or public, counting one use; a member already is simply let in, without
     * using it up.
     *
     * @throws NotFoundException when no link has this token
     * @throws GoneException when the link expired, is used up or was revoked, saying which
     * @throws NotAllowedException when the user is banned from the room, or is a guest and the room is private
     */
    public RoomSummary joinByLink(UserId actor, String token) {
        InviteLink link = link(token);
        Room room = guard.requireRoom(link.roomId());
        if (guard.isMember(room.id(), actor)) {
            return summaries.readable(actor, room);
        }
        requireUsable(link, room, actor);
        // Counted in one statement that refuses a used-up link, so that the last use goes to one person only.
        if (links.countUse(link.id()) != 1) {
            throw new GoneException("This invite link has been used up.");
        }
        return members.admit(room, actor);
    }

    private InviteLink link(String token) {
        return links.findByTokenHash(SecretTokens.hash(token)).orElseThrow(() -> new NotFoundException(NO_SUCH_LINK));
    }

    /** Refuses a user whom the link cannot let in; before the link is counted, so a refusal does not use it up. */
    private void requireUsable(InviteLink link, Room room, UserId actor) {
        guard.requireNotBanned(room, actor);
        if (room.isPrivate() && accounts.isGuest(actor)) {
            throw new NotAllowedException(Memberships.GUESTS_PUBLIC_ONLY);
        }
        String refusal = link.refusal(clock.instant()).orElse(null);
        if (refusal != null) {
            throw new GoneException(refusal);
        }
    }

    private RoomInvite ownInvitation(UserId actor, long invitationId) {
        return invites.findById(invitationId)
                .filter(invite -> invite.invitee().equals(actor))
                .orElseThrow(() -> new NotFoundException(NO_SUCH_INVITATION));
    }

    private List<Invitation> describe(List<RoomInvite> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<RoomId, Room> byId =
                roomRepository
                        .findAllById(list.stream()
                                .map(i -> i.roomId().value())
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(Room::id, Function.identity()));
        Collection<UserId> people = new ArrayList<>();
        list.forEach(invite -> {
            people.add(invite.invitee());
            people.add(invite.invitedBy());
        });
        Map<UserId, UserSummary> users = accounts.summaries(people);
        return list.stream()
                .filter(invite -> byId.containsKey(invite.roomId())
                        && users.containsKey(invite.invitee())
                        && users.containsKey(invite.invitedBy()))
                .map(invite -> {
                    Room room = byId.get(invite.roomId());
                    return new Invitation(
                            invite.id(),
                            room.id(),
                            room.slug(),
                            room.name(),
                            room.isPrivate(),
                            users.get(invite.invitee()),
                            users.get(invite.invitedBy()),
                            invite.createdAt());
                })
                .toList();
    }

    private static InviteLinkInfo info(InviteLink link, UserSummary creator, Instant now) {
        return new InviteLinkInfo(
                link.id(),
                link.roomId(),
                creator,
                link.createdAt(),
                link.expiresAt(),
                link.maxUses(),
                link.uses(),
                link.refusal(now).orElse(null));
    }
}
