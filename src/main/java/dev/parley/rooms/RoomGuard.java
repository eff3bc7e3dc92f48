package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.RoomBanRepository;
import dev.parley.rooms.internal.RoomMuteRepository;
import dev.parley.rooms.internal.RoomRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that decides who may read a room, post in it and change it. Every other feature (the views, the REST
 * API, search, file downloads, push subscriptions) asks here, and so do the rooms feature's own services. A private
 * room a user is not in answers exactly as a room that does not exist.
 */
@Service
@Transactional(readOnly = true)
public class RoomGuard {

    /** Why nobody may change anything in an archived room. */
    public static final String ARCHIVED = "This room is archived: nobody can post or change messages in it.";

    /** What a missing room, and a private room to a non-member, answer. */
    static final String NOT_FOUND = "No such room";

    static final String DISABLED = "Your account is disabled";

    private static final String ONLY_ADMINS_SETTINGS = "Only the room's admins can change its settings";

    private final RoomRepository rooms;
    private final MembershipRepository memberships;
    private final RoomBanRepository bans;
    private final RoomMuteRepository mutes;
    private final AccountService accounts;
    private final Clock clock;

    RoomGuard(
            RoomRepository rooms,
            MembershipRepository memberships,
            RoomBanRepository bans,
            RoomMuteRepository mutes,
            AccountService accounts,
            Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.bans = bans;
        this.mutes = mutes;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * The id of the room behind a slug, if the user may read it: the cheap check for every API call.
     *
     * @throws NotFoundException when there is no such room, or it is private and the user is not a member
     */
    public RoomId requireReadable(UserId actor, String slug) {
        Room room = requireRoom(slug);
        if (room.isPrivate() && !isMember(room.id(), actor)) {
            throw new NotFoundException(NOT_FOUND);
        }
        return room.id();
    }

    /**
     * Checks that the user may read the room: its history, its members, its live events. Two single-row lookups,
     * whatever the size of the room.
     *
     * @throws NotFoundException when there is no such room, or it is private and the user is not a member
     */
    public void requireReadable(UserId actor, RoomId id) {
        Room room = requireRoom(id);
        if (room.isPrivate() && !isMember(id, actor)) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    /**
     * Checks that the user may post in the room (and upload to it, and type in it): a member, of a room that is not
     * archived, who is not muted there and whose account is not disabled.
     *
     * @throws NotFoundException when the room is not visible to the user
     * @throws NotAllowedException when it is a public room the user has not joined, the room is archived, or the
     *     account is disabled
     * @throws MutedException when the user is muted in the room
     */
    public void requirePoster(UserId actor, RoomId id) {
        Room room = requireRoom(id);
        if (!isMember(id, actor)) {
            if (room.isPrivate()) {
                throw new NotFoundException(NOT_FOUND);
            }
            throw new NotAllowedException("Join the room to post in it");
        }
        requireUnchanging(room, actor);
        requireEnabled(actor);
    }

    /**
     * Checks that a member may change their messages in the room (edit, react): it is not archived, they are not muted
     * there and their account is not disabled. The caller has checked that they are a member.
     *
     * @throws NotAllowedException when the room is archived, or the account is disabled
     * @throws MutedException when the user is muted in the room
     */
    public void requireMayChangeMessages(UserId actor, RoomId id) {
        requireUnchanging(requireRoom(id), actor);
        requireEnabled(actor);
    }

    /**
     * Until when the user is muted in the room, or null when they are not: what their composer shows. No access check:
     * it tells the user only about themselves.
     */
    public @Nullable Instant mutedUntil(UserId actor, RoomId id) {
        return mutes.findByRoomIdAndUserId(id.value(), actor.value())
                .filter(mute -> mute.activeAt(clock.instant()))
                .map(RoomMute::mutedUntil)
                .orElse(null);
    }

    /**
     * The user's access to a room they may read: whether they are a member, and with which role. Two single-row
     * lookups.
     *
     * @throws NotFoundException when there is no such room, or it is private and the user is not a member
     */
    public RoomAccess access(UserId actor, RoomId id) {
        Room room = requireRoom(id);
        @Nullable RoomRole role = roleOf(id, actor);
        if (room.isPrivate() && role == null) {
            throw new NotFoundException(NOT_FOUND);
        }
        return new RoomAccess(id, role, room.archived());
    }

    /** Archived rooms and muted members change nothing: one lookup of the user's mute, by its unique key. */
    private void requireUnchanging(Room room, UserId actor) {
        if (room.archived()) {
            throw new NotAllowedException(ARCHIVED);
        }
        Optional<RoomMute> mute = mutes.findByRoomIdAndUserId(room.id().value(), actor.value());
        if (mute.isPresent() && mute.get().activeAt(clock.instant())) {
            throw new MutedException("#" + room.name(), mute.get().mutedUntil());
        }
    }

    /** The room behind a slug, whoever asks: for checks made in this package. */
    Room requireRoom(String slug) {
        return rooms.findBySlug(slug).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /** The room by id, whoever asks: for checks made in this package. */
    Room requireRoom(RoomId id) {
        return rooms.findById(id.value()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /**
     * The actor's role in the room, when it is one of {@code allowed}.
     *
     * @throws NotFoundException when the room is private and the actor is not a member: it does not exist for them
     * @throws NotAllowedException otherwise, with {@code refusal} as the reason
     */
    RoomRole requireRole(Room room, UserId actor, Set<RoomRole> allowed, String refusal) {
        @Nullable RoomRole role = roleOf(room.id(), actor);
        if (role == null && room.isPrivate()) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (role == null || !allowed.contains(role)) {
            throw new NotAllowedException(refusal);
        }
        requireEnabled(actor);
        return role;
    }

    /** Only a room's admins change its settings; a direct conversation has none. */
    void requireSettingsAdmin(Room room, UserId actor) {
        requireRole(room, actor, EnumSet.of(RoomRole.ADMIN), ONLY_ADMINS_SETTINGS);
        if (room.isDirect()) {
            throw new NotAllowedException("Direct conversations have no settings");
        }
    }

    /**
     * Checks that the user holds an account in good standing: not a guest, not disabled. What only account holders do
     * (create rooms, start direct conversations) asks it first.
     *
     * @throws NotAllowedException with {@code guestRefusal} for a guest, or for a disabled account
     */
    void requireAccountHolder(UserId actor, String guestRefusal) {
        if (accounts.isGuest(actor)) {
            throw new NotAllowedException(guestRefusal);
        }
        requireEnabled(actor);
    }

    /** @throws NotAllowedException when the user's account is disabled */
    void requireEnabled(UserId user) {
        if (accounts.isDisabled(user)) {
            throw new NotAllowedException(DISABLED);
        }
    }

    /**
     * Refuses a user banned from the room. They were in it (or were let in by a link or an invitation), so saying that
     * they are banned tells them nothing new.
     *
     * @throws NotAllowedException when the user is banned from the room
     */
    void requireNotBanned(Room room, UserId user) {
        if (isBanned(room.id(), user)) {
            throw new NotAllowedException("You are banned from #" + room.name());
        }
    }

    /** Whether the user is banned from the room: for checks made in this package. */
    boolean isBanned(RoomId room, UserId user) {
        return bans.existsByRoomIdAndUserId(room.value(), user.value());
    }

    /** Whether the user is a member of the room: for checks made in this package. */
    boolean isMember(RoomId room, UserId user) {
        return memberships.existsByRoomIdAndUserId(room.value(), user.value());
    }

    /** The user's role in the room, or null when they are not a member: for checks made in this package. */
    @Nullable
    RoomRole roleOf(RoomId room, UserId user) {
        return memberships
                .findByRoomIdAndUserId(room.value(), user.value())
                .map(Membership::role)
                .orElse(null);
    }
}
