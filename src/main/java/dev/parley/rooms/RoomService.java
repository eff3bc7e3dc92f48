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
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.MentionRepository;
import dev.parley.rooms.internal.PostNumbers;
import dev.parley.rooms.internal.ReadPositionWriter;
import dev.parley.rooms.internal.RoomBanRepository;
import dev.parley.rooms.internal.RoomDataRepository;
import dev.parley.rooms.internal.RoomInviteRepository;
import dev.parley.rooms.internal.RoomMuteRepository;
import dev.parley.rooms.internal.RoomRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rooms and memberships, and the one place that decides who may read or post in a room. Every other feature (the
 * views, the REST API, push subscriptions) asks here.
 */
@Service
@Transactional
public class RoomService {

    /** The public room every instance starts with, and every new account joins. */
    public static final String GENERAL = "general";

    private static final String NOT_FOUND = "No such room";

    /** The most people a direct conversation can have, its starter included. */
    public static final int MAX_DIRECT_PARTICIPANTS = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String NO_SUCH_MEMBER = "No such member";

    /** Why nobody may change anything in an archived room. */
    public static final String ARCHIVED = "This room is archived: nobody can post or change messages in it.";

    /** Why {@value #GENERAL} stays: every new account joins it. */
    public static final String GENERAL_STAYS = "The general room cannot be deleted: every new account joins it.";

    private static final String DISABLED = "Your account is disabled";

    /** Why a guest may not enter a private room (or a direct conversation, which is one). */
    public static final String GUESTS_PUBLIC_ONLY = "Guests can only be in public rooms";

    private static final String ONLY_ADMINS_SETTINGS = "Only the room's admins can change its settings";

    /** Why the last admin may not leave or step down: a room always keeps one. */
    public static final String LAST_ADMIN = "You are the room's last admin. Make someone else admin first.";

    private final RoomRepository rooms;
    private final MembershipRepository memberships;
    private final AccountService accounts;
    private final PresenceService presence;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReadPositionWriter readPositionWriter;
    private final PostNumbers postNumbers;
    private final MentionRepository mentions;
    private final RoomInviteRepository invites;
    private final RoomBanRepository bans;
    private final RoomMuteRepository mutes;
    private final RoomDataRepository roomData;
    private final ModerationLog log;

    RoomService(
            RoomRepository rooms,
            MembershipRepository memberships,
            ReadPositionWriter readPositionWriter,
            PostNumbers postNumbers,
            MentionRepository mentions,
            RoomInviteRepository invites,
            RoomBanRepository bans,
            RoomMuteRepository mutes,
            RoomDataRepository roomData,
            ModerationLog log,
            AccountService accounts,
            PresenceService presence,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.readPositionWriter = readPositionWriter;
        this.postNumbers = postNumbers;
        this.mentions = mentions;
        this.invites = invites;
        this.bans = bans;
        this.mutes = mutes;
        this.roomData = roomData;
        this.log = log;
        this.accounts = accounts;
        this.presence = presence;
        this.events = events;
        this.clock = clock;
    }

    /** The lobby: every public room and every room the user belongs to, with the member ids behind the counts. */
    @Transactional(readOnly = true)
    public Lobby lobby(UserId actor) {
        List<Room> visible = rooms.findVisibleTo(actor.value());
        Map<RoomId, Map<UserId, RoomRole>> members = membersOf(visible);
        Set<UserId> online = presence.onlineUsers();
        List<RoomSummary> summaries = visible.stream()
                .map(room -> summarize(room, actor, members.get(room.id()), online))
                .toList();
        Map<RoomId, Set<UserId>> memberIds = new HashMap<>();
        members.forEach((room, roles) -> memberIds.put(room, Set.copyOf(roles.keySet())));
        return new Lobby(summaries, memberIds);
    }

    /** What the lobby shows, and who is in each room, so that online counts can follow presence without a query. */
    public record Lobby(List<RoomSummary> rooms, Map<RoomId, Set<UserId>> members) {}

    @Transactional(readOnly = true)
    public List<RoomSummary> visibleRooms(UserId actor) {
        return lobby(actor).rooms();
    }

    /**
     * Every room the user may read now, public rooms and the private rooms and direct conversations they are a member
     * of, in one statement: the rooms a search may look in, with the highest room id at that moment.
     */
    @Transactional(readOnly = true)
    public ReadableRooms readableRooms(UserId actor) {
        List<Object[]> rows = rooms.findReadableWithHighestId(actor.value());
        List<RoomRef> readable = new ArrayList<>(rows.size());
        long highest = 0;
        for (Object[] row : rows) {
            readable.add(new RoomRef(new RoomId((Long) row[0]), (String) row[1], (String) row[2]));
            highest = (Long) row[3];
        }
        return new ReadableRooms(readable, new RoomId(highest));
    }

    /** The rooms and direct conversations the user belongs to, for the navigation. */
    @Transactional(readOnly = true)
    public List<RoomSummary> memberRooms(UserId actor) {
        List<Room> mine = rooms.findMemberRooms(actor.value());
        Map<RoomId, Map<UserId, RoomRole>> members = membersOf(mine);
        Set<UserId> online = presence.onlineUsers();
        return namedFor(
                actor,
                mine.stream()
                        .map(room -> summarize(room, actor, members.get(room.id()), online))
                        .toList(),
                members);
    }

    /**
     * Creates a room with a unique slug derived from its name; the creator becomes its admin.
     *
     * @throws NotAllowedException for a guest, or a disabled account
     * @throws InvalidInputException when the name or description breaks its rule
     */
    public RoomSummary create(UserId actor, String name, @Nullable String description, boolean isPrivate) {
        requireAccountHolder(actor, "Guests cannot create rooms");
        String roomName = validName(name);
        String roomDescription = validDescription(description);
        Room room = rooms.save(new Room(uniqueSlug(roomName), roomName, roomDescription, isPrivate, clock.instant()));
        memberships.save(new Membership(room.id(), actor, RoomRole.ADMIN, clock.instant(), 0));
        RoomSummary summary = new RoomSummary(
                room.id(),
                room.slug(),
                room.name(),
                room.description(),
                room.isPrivate(),
                1,
                presence.isOnline(actor) ? 1 : 0,
                true,
                RoomRole.ADMIN,
                false,
                false);
        events.publishEvent(new RoomCreated(summary, actor));
        return summary;
    }

    /**
     * The room behind a slug, as the user sees it.
     *
     * @throws NotFoundException when there is no such room, or it is private and the user is not a member
     */
    @Transactional(readOnly = true)
    public RoomSummary open(UserId actor, String slug) {
        Room room = rooms.findBySlug(slug).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        return readable(actor, room);
    }

    /**
     * The id of the room behind a slug, if the user may read it: the cheap check for every API call.
     *
     * @throws NotFoundException when there is no such room, or it is private and the user is not a member
     */
    @Transactional(readOnly = true)
    public RoomId requireReadable(UserId actor, String slug) {
        Room room = rooms.findBySlug(slug).orElseThrow(() -> new NotFoundException(NOT_FOUND));
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
    @Transactional(readOnly = true)
    public void requireReadable(UserId actor, RoomId id) {
        Room room = rooms.findById(id.value()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
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
    @Transactional(readOnly = true)
    public void requirePoster(UserId actor, RoomId id) {
        Room room = rooms.findById(id.value()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (!isMember(id, actor)) {
            if (room.isPrivate()) {
                throw new NotFoundException(NOT_FOUND);
            }
            throw new NotAllowedException("Join the room to post in it");
        }
        requireUnchanging(room, actor);
        if (accounts.isDisabled(actor)) {
            throw new NotAllowedException(DISABLED);
        }
    }

    /**
     * Checks that a member may change their messages in the room (edit, react): it is not archived, they are not
     * muted there and their account is not disabled. The caller has checked that they are a member.
     *
     * @throws NotAllowedException when the room is archived, or the account is disabled
     * @throws MutedException when the user is muted in the room
     */
    @Transactional(readOnly = true)
    public void requireMayChangeMessages(UserId actor, RoomId id) {
        requireUnchanging(requireRoom(id), actor);
        if (accounts.isDisabled(actor)) {
            throw new NotAllowedException(DISABLED);
        }
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

    /**
     * Until when the user is muted in the room, or null when they are not: what their composer shows. No access
     * check: it tells the user only about themselves.
     */
    @Transactional(readOnly = true)
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
    @Transactional(readOnly = true)
    public RoomAccess access(UserId actor, RoomId id) {
        Room room = rooms.findById(id.value()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        @Nullable
        RoomRole role = memberships
                .findByRoomIdAndUserId(id.value(), actor.value())
                .map(Membership::role)
                .orElse(null);
        if (room.isPrivate() && role == null) {
            throw new NotFoundException(NOT_FOUND);
        }
        return new RoomAccess(id, role, room.archived());
    }

    /**
     * Which of the given usernames (lower case) are members of the room, in one query: for highlighting mentions.
     * No access check: the caller has made it, and answers only about names its user already sees in a message.
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
                .collect(Collectors.toUnmodifiableMap(
                        row -> (String) row[0], row -> new UserId(((Number) row[1]).longValue())));
    }

    /** Joins a public room; joining twice changes nothing. */
    public RoomSummary join(UserId actor, String slug) {
        Room room = rooms.findBySlug(slug).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        Optional<Membership> existing =
                memberships.findByRoomIdAndUserId(room.id().value(), actor.value());
        if (existing.isPresent()) {
            return readable(actor, room);
        }
        if (room.isPrivate()) {
            throw new NotFoundException(NOT_FOUND);
        }
        requireNotBanned(room, actor);
        return admit(room, actor);
    }

    /**
     * Leaves a room; the user's open views of it close and receive nothing more from it.
     *
     * @throws ConflictException when the user is the room's last admin ({@value #LAST_ADMIN})
     */
    public void leave(UserId actor, String slug) {
        Room room = requireRoom(slug);
        Membership membership = memberships
                .findByRoomIdAndUserId(room.id().value(), actor.value())
                .orElseThrow(() -> room.isPrivate()
                        ? new NotFoundException(NOT_FOUND)
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
        Room room = requireRoom(slug);
        RoomRole actorRole = requireRole(
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
        Room room = requireRoom(slug);
        requireRole(room, actor, EnumSet.of(RoomRole.ADMIN), "Only the room's admins can change roles");
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
                role.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Changes the room's settings; admins only. Each given value that differs from the room's is applied and
     * recorded in the moderation log; null values are left as they are. The slug never changes, so that links keep
     * working. Every open view, the lobby and the members' navigation follow at once ({@link RoomUpdated}); a room
     * made private is left at once by the open views of everyone who is not a member, and no longer found by their
     * searches.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room, or it is a direct conversation
     * @throws InvalidInputException when the name or description breaks its rule
     */
    public RoomSummary updateSettings(UserId actor, String slug, RoomChanges changes) {
        Room room = requireRoom(slug);
        requireSettingsAdmin(room, actor);
        boolean wasPrivate = room.isPrivate();
        boolean wasArchived = room.archived();
        String name = changes.name() == null ? room.name() : validName(changes.name());
        String description =
                changes.description() == null ? room.description() : validDescription(changes.description());
        boolean changed = false;
        if (!name.equals(room.name())) {
            changed = true;
            log.record(room.id(), actor, ModerationAction.RENAME, null, null, room.name() + " → " + name);
            room.rename(name);
        }
        if (!description.equals(room.description())) {
            changed = true;
            log.record(room.id(), actor, ModerationAction.DESCRIPTION, null, null, description);
            room.describe(description);
        }
        Boolean makePrivate = changes.isPrivate();
        if (makePrivate != null && makePrivate != wasPrivate) {
            changed = true;
            log.record(room.id(), actor, ModerationAction.VISIBILITY, null, null, makePrivate ? "private" : "public");
            room.makePrivate(makePrivate);
            if (makePrivate) {
                removeGuests(room, actor);
            }
        }
        Boolean archive = changes.archived();
        if (archive != null && archive != wasArchived) {
            changed = true;
            log.record(
                    room.id(), actor, archive ? ModerationAction.ARCHIVE : ModerationAction.UNARCHIVE, null, null, "");
            room.archive(archive ? clock.instant() : null);
        }
        Map<UserId, RoomRole> roles = rolesIn(room.id());
        if (changed) {
            events.publishEvent(new RoomUpdated(
                    room.id(),
                    room.slug(),
                    room.name(),
                    room.description(),
                    room.isPrivate(),
                    room.archived(),
                    wasPrivate,
                    Set.copyOf(roles.keySet())));
        }
        return summarize(room, actor, roles, presence.onlineUsers());
    }

    /**
     * A room made private loses its guests: guests are only ever in public rooms. Each leaves as a removed member
     * does (their views leave the room at once), and the moderation log says why.
     */
    private void removeGuests(Room room, UserId actor) {
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

    /**
     * What an admin changes in a room's settings; null leaves a setting as it is.
     *
     * @param isPrivate true to make the room private, false to make it public
     * @param archived true to archive the room, false to take it out of the archive
     */
    public record RoomChanges(
            @Nullable String name,
            @Nullable String description,
            @Nullable Boolean isPrivate,
            @Nullable Boolean archived) {}

    /**
     * Deletes the room and everything in it: its messages, reactions, mentions, files (their bytes once the
     * transaction commits), search index entries, read positions, invitations, invite links, bans, mutes and log.
     * Every open view of it leaves to the lobby at once, and its URL then answers like a room that never existed.
     * {@value #GENERAL} cannot be deleted.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room, it is a direct conversation, or it is
     *     {@value #GENERAL}
     */
    public void delete(UserId actor, String slug) {
        Room room = requireRoom(slug);
        requireSettingsAdmin(room, actor);
        if (room.slug().equals(GENERAL)) {
            throw new NotAllowedException(GENERAL_STAYS);
        }
        long id = room.id().value();
        Set<UserId> members = Set.copyOf(rolesIn(room.id()).keySet());
        List<UserId> invitees = invites.findByRoomIdOrderByCreatedAtDesc(id).stream()
                .map(RoomInvite::invitee)
                .toList();
        // The other features delete what they keep of the room now, in this transaction (see RoomDeleted).
        events.publishEvent(new RoomDeleted(
                room.id(), room.slug(), room.name(), room.isPrivate(), members, accounts.summary(actor)));
        roomData.deleteMentions(id);
        roomData.deleteInvites(id);
        roomData.deleteLinks(id);
        roomData.deleteBans(id);
        roomData.deleteMutes(id);
        roomData.deleteLog(id);
        roomData.deleteMemberships(id);
        roomData.deleteRoom(id);
        invitees.forEach(invitee -> events.publishEvent(new InvitationsChanged(invitee)));
    }

    /**
     * Checks that the user holds an account in good standing: not a guest, not disabled. What only account holders
     * do (create rooms, start direct conversations) asks it first.
     *
     * @throws NotAllowedException with {@code guestRefusal} for a guest, or for a disabled account
     */
    private void requireAccountHolder(UserId actor, String guestRefusal) {
        if (accounts.isGuest(actor)) {
            throw new NotAllowedException(guestRefusal);
        }
        if (accounts.isDisabled(actor)) {
            throw new NotAllowedException(DISABLED);
        }
    }

    /** Only a room's admins change its settings; a direct conversation has none. */
    private void requireSettingsAdmin(Room room, UserId actor) {
        requireRole(room, actor, EnumSet.of(RoomRole.ADMIN), ONLY_ADMINS_SETTINGS);
        if (room.isDirect()) {
            throw new NotAllowedException("Direct conversations have no settings");
        }
    }

    private static String validName(String name) {
        String roomName = name.strip();
        if (roomName.isEmpty() || roomName.length() > Room.NAME_MAX_LENGTH) {
            throw new InvalidInputException("Room name must be 1 to " + Room.NAME_MAX_LENGTH + " characters");
        }
        return roomName;
    }

    private static String validDescription(@Nullable String description) {
        String roomDescription = description == null ? "" : description.strip();
        if (roomDescription.length() > Room.DESCRIPTION_MAX_LENGTH) {
            throw new InvalidInputException(
                    "Description must be at most " + Room.DESCRIPTION_MAX_LENGTH + " characters");
        }
        return roomDescription;
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
        @Nullable
        RoomRole role = memberships
                .findByRoomIdAndUserId(room.id().value(), actor.value())
                .map(Membership::role)
                .orElse(null);
        if (role == null && room.isPrivate()) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (role == null || !allowed.contains(role)) {
            throw new NotAllowedException(refusal);
        }
        if (accounts.isDisabled(actor)) {
            throw new NotAllowedException(DISABLED);
        }
        return role;
    }

    /**
     * Refuses a user banned from the room. They were in it (or were let in by a link or an invitation), so saying
     * that they are banned tells them nothing new.
     *
     * @throws NotAllowedException when the user is banned from the room
     */
    void requireNotBanned(Room room, UserId user) {
        if (bans.existsByRoomIdAndUserId(room.id().value(), user.value())) {
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

    /**
     * Makes the user a member of the room (the caller has checked that they may join), withdraws a pending
     * invitation of theirs to it, and tells every open view. Joining twice changes nothing.
     */
    RoomSummary admit(Room room, UserId user) {
        if (isMember(room.id(), user)) {
            return readable(user, room);
        }
        requireNotBanned(room, user);
        if (accounts.isDisabled(user)) {
            throw new NotAllowedException(DISABLED);
        }
        if (room.isPrivate() && accounts.isGuest(user)) {
            throw new NotAllowedException(GUESTS_PUBLIC_ONLY);
        }
        memberships.save(new Membership(room.id(), user, RoomRole.MEMBER, clock.instant(), room.lastSeq()));
        if (invites.deleteByRoomIdAndUserId(room.id().value(), user.value()) > 0) {
            events.publishEvent(new InvitationsChanged(user));
        }
        RoomSummary summary = readable(user, room);
        events.publishEvent(new MembershipChanged(summary, accounts.summary(user), true, summary.memberCount()));
        return summary;
    }

    /** The room as the user sees it; for a private room, only a member sees it. */
    RoomSummary summaryFor(UserId user, Room room) {
        return readable(user, room);
    }

    Membership requireMembership(Room room, String username) {
        UserSummary user = accounts.findByUsername(username).orElseThrow(() -> new NotFoundException(NO_SUCH_MEMBER));
        return memberships
                .findByRoomIdAndUserId(room.id().value(), user.id().value())
                .orElseThrow(() -> new NotFoundException(NO_SUCH_MEMBER));
    }

    private void requireAnotherAdmin(Membership membership) {
        if (membership.role() == RoomRole.ADMIN
                && memberships.countByRoomIdAndRole(membership.roomId().value(), RoomRole.ADMIN) <= 1) {
            throw new ConflictException(LAST_ADMIN);
        }
    }

    /**
     * Ends a membership, by the member leaving ({@code removedBy} null) or being removed or banned, and tells every
     * view.
     */
    void drop(Room room, Membership membership, @Nullable UserSummary removedBy, boolean banned) {
        UserId user = membership.userId();
        memberships.delete(membership);
        memberships.flush();
        RoomSummary summary = summarize(room, user, rolesIn(room.id()), presence.onlineUsers());
        events.publishEvent(new MembershipChanged(
                summary, accounts.summary(user), false, summary.memberCount(), removedBy, banned));
    }

    /**
     * Opens the user's direct conversation with these people, starting it when there is none: a private room of
     * exactly this group, without a public name, that nobody can join or be invited into. Starting one that exists
     * opens it (and takes the user back in if they had left it). Every participant's navigation lists it at once.
     *
     * @param usernames the other participants (the user may be among them; the order does not matter)
     * @throws InvalidInputException when nobody else is named, or more than {@value #MAX_DIRECT_PARTICIPANTS} people
     *     would be in it
     * @throws NotFoundException when a username belongs to nobody
     * @throws NotAllowedException when the user is a guest or disabled, or one of the people named is a guest
     */
    public RoomSummary startDirect(UserId actor, Collection<String> usernames) {
        requireAccountHolder(actor, "Guests cannot start direct conversations");
        Set<UserId> participants = new TreeSet<>(Comparator.comparingLong(UserId::value));
        participants.add(actor);
        for (String username : usernames) {
            UserSummary participant = accounts.findByUsername(username)
                    .orElseThrow(() -> new NotFoundException("No user named " + username.strip()));
            if (participant.guest()) {
                throw new NotAllowedException(
                        participant.displayName() + " is a guest: guests cannot be in direct conversations");
            }
            participants.add(participant.id());
        }
        if (participants.size() < 2) {
            throw new InvalidInputException("Choose at least one person other than yourself");
        }
        if (participants.size() > MAX_DIRECT_PARTICIPANTS) {
            throw new InvalidInputException(
                    "A direct conversation has at most " + MAX_DIRECT_PARTICIPANTS + " people, you included");
        }
        String key = participants.stream().map(id -> Long.toString(id.value())).collect(Collectors.joining(","));
        Optional<Room> existing = rooms.findByDirectKey(key);
        if (existing.isPresent()) {
            Room room = existing.get();
            if (!isMember(room.id(), actor)) {
                memberships.save(new Membership(room.id(), actor, RoomRole.MEMBER, clock.instant(), room.lastSeq()));
                memberships.flush();
                announceJoined(room, List.of(actor));
            }
            return readable(actor, room);
        }
        Map<UserId, UserSummary> users = accounts.summaries(participants);
        String stored =
                participants.stream().map(id -> users.get(id).displayName()).collect(Collectors.joining(", "));
        if (stored.length() > Room.NAME_MAX_LENGTH) {
            stored = stored.substring(0, Room.NAME_MAX_LENGTH - 1) + "…";
        }
        Room room = rooms.save(Room.direct(uniqueSlug("dm " + randomSuffix()), stored, key, clock.instant()));
        for (UserId participant : participants) {
            memberships.save(new Membership(room.id(), participant, RoomRole.MEMBER, clock.instant(), 0));
        }
        memberships.flush();
        announceJoined(room, participants);
        return readable(actor, room);
    }

    /** Tells each new participant's tabs (their navigation) and the conversation's open views. */
    private void announceJoined(Room room, Collection<UserId> joined) {
        Map<UserId, RoomRole> roles = rolesIn(room.id());
        Map<UserId, UserSummary> users = accounts.summaries(joined);
        Set<UserId> online = presence.onlineUsers();
        for (UserId user : joined) {
            RoomSummary summary = namedFor(
                            user, List.of(summarize(room, user, roles, online)), Map.of(room.id(), roles))
                    .getFirst();
            events.publishEvent(new MembershipChanged(summary, users.get(user), true, roles.size()));
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The room's members, online first, then by name. */
    @Transactional(readOnly = true)
    public List<RoomMember> members(UserId actor, RoomId id) {
        requireReadable(actor, id);
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
     * Takes the next sequence number and version of a room for a new message, inside the caller's (write)
     * transaction, in one update: it locks the room's row until the transaction ends.
     */
    @Transactional
    public MessageNumbers nextMessageNumbers(RoomId room) {
        if (rooms.incrementLastSeqAndVersion(room.value()) != 1) {
            throw new NotFoundException(NOT_FOUND);
        }
        return lastNumbers(room);
    }

    /**
     * Takes the next message numbers of a room for a post by {@code actor}, in the caller's (write) transaction, and
     * checks in the same statement that they may post there: a member, the room not archived, not muted now. Only when
     * that statement changes nothing are the reasons looked up, to say which ({@link #requirePoster}). The caller
     * checked {@link #requirePoster} on a reader before: this keeps the writer's share of a post to what must be
     * there.
     *
     * @throws NotFoundException when the room is private and the actor not a member, or the room is gone
     * @throws NotAllowedException when the actor is not a member, the room is archived or their account disabled
     * @throws MutedException when the actor is muted in the room
     */
    public MessageNumbers nextMessageNumbersFor(UserId actor, RoomId room) {
        MessageNumbers taken = postNumbers.take(room.value(), actor.value(), clock.instant());
        if (taken == null) {
            requirePoster(actor, room);
            throw new NotFoundException(NOT_FOUND);
        }
        return taken;
    }

    /** The numbers just taken, read back in the same transaction. */
    private MessageNumbers lastNumbers(RoomId room) {
        Object[] row = rooms.findLastSeqAndVersion(room.value()).getFirst();
        return new MessageNumbers(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** A new message's place in its room ({@code seq}) and in the room's changes ({@code version}). */
    public record MessageNumbers(long seq, long version) {}

    /**
     * Takes the next message version of a room, inside the caller's (write) transaction: every post, edit and delete
     * stamps the message it changes with one, so that a client holding version V asks for exactly what changed after.
     * The update locks the room's row until the transaction ends, so versions become visible in the order taken.
     */
    @Transactional
    public long nextVersion(RoomId room) {
        if (rooms.incrementLastVersion(room.value()) != 1) {
            throw new NotFoundException(NOT_FOUND);
        }
        return rooms.findLastVersion(room.value());
    }

    /**
     * The user's read position in each of their rooms, with the unread messages that mention them, in two queries:
     * what unread and mention badges start from. Unread is the room's last sequence number minus the member's, so
     * counting never scans messages.
     */
    @Transactional(readOnly = true)
    public Map<RoomId, ReadPosition> readPositions(UserId actor) {
        Map<RoomId, Set<Long>> unreadMentions = new HashMap<>();
        for (Object[] row : mentions.findUnread(actor.value())) {
            unreadMentions
                    .computeIfAbsent(new RoomId(((Number) row[0]).longValue()), room -> new HashSet<>())
                    .add(((Number) row[1]).longValue());
        }
        Map<RoomId, ReadPosition> result = new HashMap<>();
        for (Object[] row : memberships.findReadPositions(actor.value())) {
            RoomId room = new RoomId(((Number) row[0]).longValue());
            result.put(
                    room,
                    new ReadPosition(
                            ((Number) row[1]).longValue(),
                            ((Number) row[2]).longValue(),
                            unreadMentions.getOrDefault(room, Set.of())));
        }
        return result;
    }

    /**
     * Records that a message mentioned a member, inside the caller's (write) transaction: the caller has resolved
     * {@code user} among the room's members. Recording the same mention twice (an edit that names them again) changes
     * nothing.
     *
     * @return whether the mention is new
     */
    public boolean recordMention(RoomId room, long seq, UserId user, Instant at) {
        if (mentions.existsByUserIdAndRoomIdAndSeq(user.value(), room.value(), seq)) {
            return false;
        }
        mentions.save(new Mention(room, user, seq, at));
        return true;
    }

    /**
     * The user's newest mentions, newest first, in rooms they are a member of now: leaving a room takes its mentions
     * out of the list.
     */
    @Transactional(readOnly = true)
    public List<RecentMention> recentMentions(UserId actor, int limit) {
        return mentions.findRecent(actor.value(), Limit.of(limit)).stream()
                .map(row -> {
                    long seq = ((Number) row[3]).longValue();
                    return new RecentMention(
                            new RoomId(((Number) row[0]).longValue()),
                            (String) row[1],
                            (String) row[2],
                            seq,
                            (Instant) row[4],
                            seq > ((Number) row[5]).longValue());
                })
                .toList();
    }

    /** How many messages the user has not seen in each of their rooms (member rooms only), in one query. */
    @Transactional(readOnly = true)
    public Map<RoomId, Long> unreadCounts(UserId actor) {
        Map<RoomId, Long> result = new HashMap<>();
        readPositions(actor).forEach((room, position) -> result.put(room, position.unread()));
        return result;
    }

    /**
     * The sequence number of the newest message the member has seen in the room.
     *
     * @throws NotFoundException when the user is not a member of the room (only members have a read position)
     */
    @Transactional(readOnly = true)
    public long readPosition(UserId actor, RoomId room) {
        return memberships
                .findByRoomIdAndUserId(room.value(), actor.value())
                .map(Membership::lastReadSeq)
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /**
     * Marks the room read up to {@code seq} (at most its newest message). Positions only go up: an older
     * {@code seq} changes nothing. When it changes, the user's other tabs learn it ({@link ReadPositionChanged}).
     *
     * @throws NotFoundException when the user is not a member of the room: answered like a missing room, so that
     *     nobody learns about a private room they are not in
     */
    public void markRead(UserId actor, RoomId room, long seq) {
        if (!isMember(room, actor)) {
            throw new NotFoundException(NOT_FOUND);
        }
        long upTo = Math.min(seq, rooms.findLastSeq(room.value()));
        if (memberships.raiseReadPosition(room.value(), actor.value(), upTo) == 1) {
            events.publishEvent(new ReadPositionChanged(actor, room, upTo));
        }
    }

    /**
     * Raises many read positions in one transaction and one batch update: for {@link ReadPositionRecorder}, which
     * collects what views showed. Rows of non-members are ignored; each raised one is announced.
     */
    public void markReadAll(Map<ReadPositionRecorder.Key, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        List<ReadPositionWriter.Raise> rows = new ArrayList<>();
        positions.forEach((key, seq) -> rows.add(
                new ReadPositionWriter.Raise(key.room().value(), key.user().value(), seq)));
        boolean[] changed = readPositionWriter.raise(rows);
        for (int i = 0; i < rows.size(); i++) {
            if (changed[i]) {
                ReadPositionWriter.Raise row = rows.get(i);
                events.publishEvent(
                        new ReadPositionChanged(new UserId(row.userId()), new RoomId(row.roomId()), row.seq()));
            }
        }
    }

    /**
     * The author of a new message has read it and everything before it: called by posting, in its transaction, so
     * that one's own messages are never unread. No event: the author's tabs see the message itself.
     */
    public void readOwnMessage(UserId author, RoomId room, long seq) {
        // Through JDBC, in the caller's transaction: as JPQL it was translated to SQL anew on every call and flushed
        // the
        // post's message first, on the one writer thread (docs/design-decisions/2026-11-22-group-commit.md).
        readPositionWriter.raise(List.of(new ReadPositionWriter.Raise(room.value(), author.value(), seq)));
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
        rooms.findBySlug(GENERAL)
                .ifPresent(general -> memberships.save(new Membership(
                        general.id(), event.user().id(), RoomRole.MEMBER, clock.instant(), general.lastSeq())));
    }

    private RoomSummary readable(UserId actor, Room room) {
        Map<UserId, RoomRole> roles = rolesIn(room.id());
        if (room.isPrivate() && !roles.containsKey(actor)) {
            throw new NotFoundException(NOT_FOUND);
        }
        RoomSummary summary = summarize(room, actor, roles, presence.onlineUsers());
        return namedFor(actor, List.of(summary), Map.of(room.id(), roles)).getFirst();
    }

    /**
     * Names each direct conversation for the viewer by the other participants' display names, in one query for all
     * of them; rooms keep their names.
     */
    private List<RoomSummary> namedFor(
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

    private Map<UserId, RoomRole> rolesIn(RoomId room) {
        Map<UserId, RoomRole> roles = new HashMap<>();
        memberships.findByRoomId(room.value()).forEach(m -> roles.put(m.userId(), m.role()));
        return roles;
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

    private Map<RoomId, Map<UserId, RoomRole>> membersOf(List<Room> list) {
        Map<RoomId, Map<UserId, RoomRole>> result = new HashMap<>();
        if (list.isEmpty()) {
            return result;
        }
        for (Membership m : memberships.findByRoomIdIn(
                list.stream().map(r -> r.id().value()).toList())) {
            result.computeIfAbsent(m.roomId(), k -> new HashMap<>()).put(m.userId(), m.role());
        }
        return result;
    }

    private String uniqueSlug(String name) {
        String base = Slugs.fromName(name);
        String slug = base;
        for (int n = 2; rooms.existsBySlug(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
