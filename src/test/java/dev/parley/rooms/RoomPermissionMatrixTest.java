package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.GuestAccess;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.ParleyException;
import dev.parley.files.FileService;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.messages.Reaction;
import dev.parley.rooms.RoomService.RoomChanges;
import dev.parley.rooms.internal.MembershipRepository;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Who may do what to a room, its membership, settings and moderation, checked in the services (where the UI and the
 * REST API both go): every action against every relation the actor can have to the room, each in a fresh room. A
 * refused action must fail with the exception that says why (404 for a private room the actor is not in: it does not
 * exist for them), and change nothing.
 *
 * <p>To add a relation: add it to {@link Role} with its set-up in {@link #roomFor} and {@link #actorFor}, and a column
 * to every row of {@link #EXPECTED}; {@link #the_table_covers_every_action_and_role} fails until every row has it. To
 * add an action: add it to {@link Action}, to {@link #prepare} and a row.
 */
@SqliteTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomPermissionMatrixTest {

    /**
     * The actor's relation to the room. A former member is one of a private room (a former member of a public one is a
     * non-member of it).
     */
    enum Role {
        ADMIN,
        MODERATOR,
        MEMBER,
        NON_MEMBER_OF_PUBLIC,
        NON_MEMBER_OF_PRIVATE,
        FORMER_MEMBER,
        /** Banned from the (private) room after being a member. */
        BANNED,
        /** A member muted for an hour. */
        MUTED,
        /** An admin of the room whose account an instance admin has disabled. */
        DISABLED,
        /** A guest (joined with a name only) who joined the room, which is public: guests are never in private ones. */
        GUEST,
        /** A guest who is not a member of the (private) room. */
        GUEST_OUTSIDE
    }

    enum Action {
        INVITE,
        /** The invitee accepts their invitation; a member "accepts" one addressed to someone else. */
        ACCEPT,
        DECLINE,
        WITHDRAW_INVITATION,
        CREATE_LINK,
        REVOKE_LINK,
        JOIN_BY_LINK,
        REMOVE_MEMBER,
        REMOVE_ADMIN,
        PROMOTE,
        DEMOTE,
        /** For the admin, the room's only admin. */
        LEAVE,
        /** Invite a user whose account is disabled. */
        INVITE_DISABLED,
        RENAME,
        /** Make a private room public, or a public one private. */
        SET_PRIVATE,
        ARCHIVE,
        DELETE,
        /** Ban a member. */
        BAN,
        /** A moderator or admin bans an admin. */
        BAN_ADMIN,
        UNBAN,
        /** Mute a member for an hour. */
        MUTE,
        UNMUTE,
        VIEW_LOG,
        VIEW_BANS,
        POST,
        POST_IN_ARCHIVED,
        /** Join the room directly (public rooms only; a member joining again changes nothing). */
        JOIN,
        /** Read the room's latest messages. */
        READ,
        /** React to the owner's message. */
        REACT,
        /** Upload a file to the room, for the next message. */
        UPLOAD,
        /** Create a room of one's own (not related to this room: the actor's standing decides). */
        CREATE_ROOM,
        /** Start a direct conversation with another account holder. */
        START_DIRECT,
        /** Invite a guest into the (private) room. */
        INVITE_GUEST
    }

    // Short names, so that each action's row of outcomes reads as one line of the table.
    private static final Class<? extends ParleyException> OK = ParleyException.class;
    private static final Class<? extends ParleyException> NF = NotFoundException.class;
    private static final Class<? extends ParleyException> NA = NotAllowedException.class;
    private static final Class<? extends ParleyException> CF = ConflictException.class;
    private static final Class<? extends ParleyException> IN = InvalidInputException.class;
    private static final Class<? extends ParleyException> MU = MutedException.class;

    /**
     * Per action, the outcome for each role in the order of {@link Role}: {@code OK}, or the exception ({@code NF} not
     * found, {@code NA} not allowed, {@code CF} conflict, {@code IN} invalid input, {@code MU} muted). The columns:
     * ADMIN, MODERATOR, MEMBER, NON_MEMBER_OF_PUBLIC, NON_MEMBER_OF_PRIVATE, FORMER_MEMBER, BANNED, MUTED, DISABLED,
     * GUEST, GUEST_OUTSIDE.
     */
    private static final Map<Action, List<Class<? extends ParleyException>>> EXPECTED = Map.ofEntries(
            row(Action.INVITE, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.ACCEPT, NF, NF, NF, OK, OK, OK, NF, NF, NF, NF, NF),
            row(Action.DECLINE, NF, NF, NF, OK, OK, OK, NF, NF, NF, NF, NF),
            // A pending invitation is the admins' and the invitee's business: to anyone else it does not exist.
            row(Action.WITHDRAW_INVITATION, OK, NF, NF, NF, NF, NF, NF, NF, NA, NF, NF),
            row(Action.CREATE_LINK, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.REVOKE_LINK, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            // A member already is let in without using the link up; a banned user is refused.
            row(Action.JOIN_BY_LINK, OK, OK, OK, OK, OK, OK, NA, OK, OK, OK, NA),
            row(Action.REMOVE_MEMBER, OK, OK, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.REMOVE_ADMIN, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.PROMOTE, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.DEMOTE, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            // The disabled admin is not the room's only admin, so leaving is allowed: it changes nothing for others.
            row(Action.LEAVE, CF, OK, OK, IN, NF, NF, NF, OK, OK, OK, NF),
            row(Action.INVITE_DISABLED, CF, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.RENAME, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.SET_PRIVATE, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.ARCHIVE, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.DELETE, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.BAN, OK, OK, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.BAN_ADMIN, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.UNBAN, OK, OK, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.MUTE, OK, OK, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.UNMUTE, OK, OK, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.VIEW_LOG, OK, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.VIEW_BANS, OK, OK, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.POST, OK, OK, OK, NA, NF, NF, NF, MU, NA, OK, NF),
            row(Action.POST_IN_ARCHIVED, NA, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF),
            row(Action.JOIN, OK, OK, OK, OK, NF, NF, NF, OK, OK, OK, NF),
            row(Action.READ, OK, OK, OK, OK, NF, NF, NF, OK, OK, OK, NF),
            row(Action.REACT, OK, OK, OK, NA, NF, NF, NF, MU, NA, OK, NF),
            // Guests upload only where parley.guests.uploads lets them (off here, the default).
            row(Action.UPLOAD, OK, OK, OK, NA, NF, NF, NF, MU, NA, NA, NF),
            row(Action.CREATE_ROOM, OK, OK, OK, OK, OK, OK, OK, OK, NA, NA, NA),
            row(Action.START_DIRECT, OK, OK, OK, OK, OK, OK, OK, OK, NA, NA, NA),
            row(Action.INVITE_GUEST, CF, NA, NA, NA, NF, NF, NF, NA, NA, NA, NF));

    @SafeVarargs
    private static Map.Entry<Action, List<Class<? extends ParleyException>>> row(
            Action action, Class<? extends ParleyException>... outcomes) {
        return Map.entry(action, List.of(outcomes));
    }

    @Autowired
    RoomService rooms;

    @Autowired
    DirectConversations directs;

    @Autowired
    Memberships members;

    @Autowired
    InviteService invites;

    @Autowired
    AccountService accounts;

    @Autowired
    ModerationService moderation;

    @Autowired
    MessageService messages;

    @Autowired
    InstanceAdministration administration;

    @Autowired
    GuestAccess guests;

    @Autowired
    FileService files;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    private UserSummary owner;
    private UserSummary moderator;
    private UserSummary member;
    private UserSummary outsider;
    private UserSummary former;
    private UserSummary target;
    private UserSummary targetModerator;
    private UserSummary secondAdmin;
    private UserSummary invitee;
    private UserSummary banned;
    private UserSummary muted;
    private UserSummary disabled;
    private UserSummary disabledInvitee;
    private UserSummary guest;

    /** The same people in every room: registering is the slow part. */
    @BeforeAll
    void registerPeople() {
        owner = Fixtures.user(accounts, "owner");
        moderator = Fixtures.user(accounts, "moderator");
        member = Fixtures.user(accounts, "member");
        outsider = Fixtures.user(accounts, "outsider");
        former = Fixtures.user(accounts, "former");
        target = Fixtures.user(accounts, "target");
        targetModerator = Fixtures.user(accounts, "targetmod");
        secondAdmin = Fixtures.user(accounts, "secondadmin");
        invitee = Fixtures.user(accounts, "invitee");
        banned = Fixtures.user(accounts, "banned");
        muted = Fixtures.user(accounts, "muted");
        disabled = Fixtures.user(accounts, "disabled");
        disabledInvitee = Fixtures.user(accounts, "disabledinvitee");
        UserSummary root = Fixtures.user(accounts, "root");
        AccountTestData.makeInstanceAdmin(users, transactions, root.id());
        administration.disable(root.id(), disabled.username());
        administration.disable(root.id(), disabledInvitee.username());
        administration.setGuestsAllowed(root.id(), true);
        guest = guests.enter(Fixtures.username("Guest"), "matrix-browser", "192.0.2.1")
                .guest();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Action action : Action.values()) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(action, role, EXPECTED.get(action).get(role.ordinal())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("matrix")
    void every_action_against_every_role(Action action, Role role, Class<? extends ParleyException> expected) {
        RoomSummary room = roomFor(role, action);
        UserSummary actor = actorFor(role);
        Runnable act = prepare(action, role, room, actor);

        if (expected == OK) {
            assertThatCode(act::run).doesNotThrowAnyException();
        } else {
            State before = state(room);
            assertThatThrownBy(act::run).isExactlyInstanceOf(expected);
            assertThat(state(room)).isEqualTo(before);
        }
    }

    /**
     * A fresh room of the owner with a moderator, a member, a member and a moderator to act on, a former member, a
     * banned former member and a muted member; public for a non-member of a public room, private otherwise. A second
     * admin only where one is to be removed or banned, and the disabled admin only for that relation.
     */
    private RoomSummary roomFor(Role role, Action action) {
        boolean isPrivate = role != Role.NON_MEMBER_OF_PUBLIC && role != Role.GUEST;
        RoomSummary room = rooms.create(owner.id(), "Matrix " + Fixtures.username("m"), null, isPrivate);
        for (UserSummary user : List.of(moderator, member, target, targetModerator, former)) {
            admit(room, user);
        }
        members.changeRole(owner.id(), room.slug(), moderator.username(), RoomRole.MODERATOR);
        members.changeRole(owner.id(), room.slug(), targetModerator.username(), RoomRole.MODERATOR);
        members.leave(former.id(), room.slug());
        admit(room, banned);
        moderation.ban(owner.id(), room.slug(), banned.username(), "matrix");
        admit(room, muted);
        moderation.mute(owner.id(), room.slug(), muted.username(), Duration.ofHours(1), null);
        if (role == Role.DISABLED) {
            // Disabled accounts cannot accept invitations: made an admin directly, as they were before being disabled.
            // Only here, so that the owner is the only admin everywhere else.
            RoomTestData.addMember(memberships, room.id(), disabled.id(), RoomRole.ADMIN);
        }
        if (role == Role.GUEST) {
            members.join(guest.id(), room.slug());
        }
        if (action == Action.REMOVE_ADMIN || action == Action.BAN_ADMIN) {
            admit(room, secondAdmin);
            members.changeRole(owner.id(), room.slug(), secondAdmin.username(), RoomRole.ADMIN);
        }
        return room;
    }

    private void admit(RoomSummary room, UserSummary user) {
        invites.accept(
                user.id(),
                invites.invite(owner.id(), room.slug(), user.username()).id());
    }

    private UserSummary actorFor(Role role) {
        return switch (role) {
            case ADMIN -> owner;
            case MODERATOR -> moderator;
            case MEMBER -> member;
            case NON_MEMBER_OF_PUBLIC, NON_MEMBER_OF_PRIVATE -> outsider;
            case FORMER_MEMBER -> former;
            case BANNED -> banned;
            case MUTED -> muted;
            case DISABLED -> disabled;
            case GUEST, GUEST_OUTSIDE -> guest;
        };
    }

    /** Makes what the action needs (an invitation, a link) as the owner, and returns the action itself. */
    private Runnable prepare(Action action, Role role, RoomSummary room, UserSummary actor) {
        String slug = room.slug();
        UserId by = actor.id();
        boolean isMember = role == Role.ADMIN
                || role == Role.MODERATOR
                || role == Role.MEMBER
                || role == Role.MUTED
                || role == Role.DISABLED
                || role == Role.GUEST;
        return switch (action) {
            case INVITE -> () -> invites.invite(by, slug, invitee.username());
            case ACCEPT, DECLINE -> {
                long id;
                if (role == Role.BANNED) {
                    // Invited before the ban: banning withdrew the invitation.
                    moderation.unban(owner.id(), slug, actor.username());
                    id = invites.invite(owner.id(), slug, actor.username()).id();
                    moderation.ban(owner.id(), slug, actor.username(), null);
                } else {
                    // Guests cannot be invited: the guest outside tries someone else's invitation.
                    id = invites.invite(owner.id(), slug, (isMember || actor.guest() ? invitee : actor).username())
                            .id();
                }
                yield action == Action.ACCEPT ? () -> invites.accept(by, id) : () -> invites.decline(by, id);
            }
            case WITHDRAW_INVITATION -> {
                long id = invites.invite(owner.id(), slug, invitee.username()).id();
                yield () -> invites.cancel(by, id);
            }
            case CREATE_LINK -> () -> invites.createLink(by, slug, InviteExpiry.DAY, 5);
            case REVOKE_LINK -> {
                long id = invites.createLink(owner.id(), slug, InviteExpiry.DAY, 5)
                        .link()
                        .id();
                yield () -> invites.revokeLink(by, slug, id);
            }
            case JOIN_BY_LINK -> {
                String token = invites.createLink(owner.id(), slug, InviteExpiry.DAY, 5)
                        .token();
                yield () -> assertThat(invites.joinByLink(by, token).member()).isTrue();
            }
            case REMOVE_MEMBER -> () -> members.removeMember(by, slug, target.username());
            case REMOVE_ADMIN -> () -> members.removeMember(by, slug, secondAdmin.username());
            case PROMOTE -> () -> members.changeRole(by, slug, target.username(), RoomRole.MODERATOR);
            case DEMOTE -> () -> members.changeRole(by, slug, targetModerator.username(), RoomRole.MEMBER);
            case LEAVE -> () -> members.leave(by, slug);
            case INVITE_DISABLED -> () -> invites.invite(by, slug, disabledInvitee.username());
            case RENAME -> () -> rooms.updateSettings(by, slug, new RoomChanges("Renamed", null, null, null));
            case SET_PRIVATE ->
                () -> rooms.updateSettings(by, slug, new RoomChanges(null, null, !room.isPrivate(), null));
            case ARCHIVE -> () -> rooms.updateSettings(by, slug, new RoomChanges(null, null, null, true));
            case DELETE -> () -> rooms.delete(by, slug);
            case BAN -> () -> moderation.ban(by, slug, target.username(), "reason");
            case BAN_ADMIN -> () -> moderation.ban(by, slug, secondAdmin.username(), null);
            case UNBAN -> {
                moderation.ban(owner.id(), slug, invitee.username(), null);
                yield () -> moderation.unban(by, slug, invitee.username());
            }
            case MUTE -> () -> moderation.mute(by, slug, target.username(), Duration.ofHours(1), null);
            case UNMUTE -> {
                moderation.mute(owner.id(), slug, target.username(), Duration.ofHours(1), null);
                yield () -> moderation.unmute(by, slug, target.username());
            }
            case VIEW_LOG ->
                () -> assertThat(moderation.log(by, slug, Long.MAX_VALUE, 50)).isNotEmpty();
            case VIEW_BANS -> () -> assertThat(moderation.bans(by, slug)).isNotEmpty();
            case POST -> () -> messages.post(by, room.id(), "matrix");
            case JOIN -> () -> assertThat(members.join(by, slug).member()).isTrue();
            case READ -> () -> assertThat(messages.latest(by, room.id(), 10)).isNotNull();
            case REACT -> {
                ChatMessage message = messages.post(owner.id(), room.id(), "react to this");
                yield () -> messages.react(by, message.id(), "👍");
            }
            case UPLOAD ->
                () -> files.upload(
                        by, room.id(), "note.txt", new ByteArrayInputStream("notes".getBytes(StandardCharsets.UTF_8)));
            case CREATE_ROOM -> () -> rooms.create(by, "Own " + Fixtures.username("r"), null, false);
            case START_DIRECT -> () -> directs.start(by, List.of(invitee.username()));
            case INVITE_GUEST -> () -> invites.invite(by, slug, guest.username());
            case POST_IN_ARCHIVED -> {
                rooms.updateSettings(owner.id(), slug, new RoomChanges(null, null, null, true));
                yield () -> messages.post(by, room.id(), "matrix");
            }
        };
    }

    /** What a refused action must leave as it was: the members and roles, the settings, bans, mutes, messages. */
    private record State(
            Map<UserId, RoomRole> roles,
            RoomSummary settings,
            List<UserId> banned,
            List<UserId> muted,
            long lastMessage,
            List<Reaction> lastReactions,
            int logLength) {}

    private State state(RoomSummary room) {
        RoomSummary settings = rooms.open(owner.id(), room.slug());
        List<ChatMessage> latest = messages.latest(owner.id(), room.id(), 1);
        return new State(
                members.members(owner.id(), room.id()).stream()
                        .collect(Collectors.toMap(m -> m.user().id(), RoomMember::role)),
                settings,
                moderation.bans(owner.id(), room.slug()).stream()
                        .map(b -> b.user().id())
                        .toList(),
                moderation.mutes(owner.id(), room.id()).stream()
                        .map(m -> m.user().id())
                        .toList(),
                latest.isEmpty() ? 0 : latest.getFirst().seq(),
                latest.isEmpty() ? List.of() : latest.getFirst().reactions(),
                moderation.log(owner.id(), room.slug(), Long.MAX_VALUE, 100).size());
    }

    /** Every cell of the table is filled: a new action or role cannot be forgotten. */
    @Test
    void the_table_covers_every_action_and_role() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Action.values());
        EXPECTED.values().forEach(row -> assertThat(row).hasSize(Role.values().length));
    }
}
