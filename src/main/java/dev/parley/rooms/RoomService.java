package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.VisibleText;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.ReadableRoomRow;
import dev.parley.rooms.internal.RoomDataRepository;
import dev.parley.rooms.internal.RoomRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rooms themselves: the lobby and the navigation's list, creating a room, opening one by its slug, its settings and
 * deleting it. Who may do what is decided by {@link RoomGuard}; joining, leaving and roles are {@link Memberships}.
 */
@Service
@Transactional
public class RoomService {

    /** The public room every instance starts with, and every new account joins. */
    public static final String GENERAL = "general";

    /** Why {@value #GENERAL} stays: every new account joins it. */
    public static final String GENERAL_STAYS = "The general room cannot be deleted: every new account joins it.";

    private final RoomRepository rooms;
    private final MembershipRepository memberships;
    private final RoomDataRepository roomData;
    private final RoomGuard guard;
    private final RoomSummaries summaries;
    private final Memberships members;
    private final ModerationLog log;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoomService(
            RoomRepository rooms,
            MembershipRepository memberships,
            RoomDataRepository roomData,
            RoomGuard guard,
            RoomSummaries summaries,
            Memberships members,
            ModerationLog log,
            AccountService accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.roomData = roomData;
        this.guard = guard;
        this.summaries = summaries;
        this.members = members;
        this.log = log;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** The lobby: every public room and every room the user belongs to, with the member ids behind the counts. */
    @Transactional(readOnly = true)
    public Lobby lobby(UserId actor) {
        List<Room> visible = rooms.findVisibleTo(actor.value());
        Map<RoomId, Map<UserId, RoomRole>> roles = summaries.rolesIn(visible);
        Map<RoomId, Set<UserId>> memberIds = new HashMap<>();
        roles.forEach((room, members) -> memberIds.put(room, Set.copyOf(members.keySet())));
        return new Lobby(summaries.summaries(actor, visible, roles), memberIds);
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
        List<ReadableRoomRow> rows = rooms.findReadableWithHighestId(actor.value());
        List<RoomRef> readable = new ArrayList<>(rows.size());
        long highest = 0;
        for (ReadableRoomRow row : rows) {
            readable.add(new RoomRef(new RoomId(row.id()), row.slug(), row.name()));
            highest = row.highestId();
        }
        return new ReadableRooms(readable, new RoomId(highest));
    }

    /** The rooms and direct conversations the user belongs to, for the navigation. */
    @Transactional(readOnly = true)
    public List<RoomSummary> memberRooms(UserId actor) {
        List<Room> mine = rooms.findMemberRooms(actor.value());
        return summaries.summaries(actor, mine, summaries.rolesIn(mine));
    }

    /**
     * Creates a room with a unique slug derived from its name, which tells nothing of rooms the creator cannot see
     * ({@link Slugs}: a private room's, or a public one's whose plain slug is taken, ends in a random suffix); the
     * creator becomes its admin.
     *
     * @throws NotAllowedException for a guest, or a disabled account
     * @throws InvalidInputException when the name or description breaks its rule
     */
    public RoomSummary create(UserId actor, String name, @Nullable String description, boolean isPrivate) {
        guard.requireAccountHolder(actor, "Guests cannot create rooms");
        String roomName = validName(name);
        String roomDescription = validDescription(description);
        Room room = rooms.save(new Room(
                Slugs.forNewRoom(roomName, isPrivate, rooms::existsBySlug),
                roomName,
                roomDescription,
                isPrivate,
                clock.instant()));
        memberships.save(new Membership(room.id(), actor, RoomRole.ADMIN, clock.instant(), 0));
        RoomSummary summary = summaries.summarize(room, actor, Map.of(actor, RoomRole.ADMIN));
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
        return summaries.readable(actor, guard.requireRoom(slug));
    }

    /**
     * Changes the room's settings; admins only. Each given value that differs from the room's is applied and recorded
     * in the moderation log; null values are left as they are. The slug never changes, so that links keep working.
     * Every open view, the lobby and the members' navigation follow at once ({@link RoomUpdated}); a room made private
     * is left at once by the open views of everyone who is not a member, and no longer found by their searches.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room, or it is a direct conversation
     * @throws InvalidInputException when the name or description breaks its rule
     */
    public RoomSummary updateSettings(UserId actor, String slug, RoomChanges changes) {
        Room room = guard.requireRoom(slug);
        guard.requireSettingsAdmin(room, actor);
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
                members.removeGuests(room, actor);
            }
        }
        Boolean archive = changes.archived();
        if (archive != null && archive != wasArchived) {
            changed = true;
            log.record(
                    room.id(), actor, archive ? ModerationAction.ARCHIVE : ModerationAction.UNARCHIVE, null, null, "");
            room.archive(archive ? clock.instant() : null);
        }
        Map<UserId, RoomRole> roles = summaries.rolesIn(room.id());
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
        return summaries.summarize(room, actor, roles);
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
     * Deletes the room and everything in it: its messages, reactions, mentions, files (their bytes once the transaction
     * commits), search index entries, read positions, invitations, invite links, bans, mutes and log. Every open view
     * of it leaves to the lobby at once, and its URL then answers like a room that never existed. {@value #GENERAL}
     * cannot be deleted.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room, it is a direct conversation, or it is
     *     {@value #GENERAL}
     */
    public void delete(UserId actor, String slug) {
        Room room = guard.requireRoom(slug);
        guard.requireSettingsAdmin(room, actor);
        if (room.slug().equals(GENERAL)) {
            throw new NotAllowedException(GENERAL_STAYS);
        }
        long id = room.id().value();
        Set<UserId> members = Set.copyOf(summaries.rolesIn(room.id()).keySet());
        List<UserId> invitees =
                roomData.findInvitees(id).stream().map(UserId::new).toList();
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
     * The name without surrounding spaces and invisible characters, if it keeps the rule ({@link VisibleText#name}).
     */
    private static String validName(String name) {
        String roomName = VisibleText.name("Room name", name);
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
}
