package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.ParleyException;
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

/**
 * Who may do what to a room's membership, checked in the services (where the UI and the REST API both go): every
 * action against every relation the actor can have to the room, each in a fresh room. A refused action must fail
 * with the exception that says why (404 for a private room the actor is not in: it does not exist for them), and
 * change nothing.
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
        FORMER_MEMBER
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
        LEAVE
    }

    private static final Class<? extends ParleyException> OK = ParleyException.class;
    private static final Class<? extends ParleyException> NOT_FOUND = NotFoundException.class;
    private static final Class<? extends ParleyException> NOT_ALLOWED = NotAllowedException.class;

    /** Per action, the outcome for each role in the order of {@link Role}: OK, or the exception. */
    private static final Map<Action, List<Class<? extends ParleyException>>> EXPECTED = Map.ofEntries(
            Map.entry(Action.INVITE, List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.ACCEPT, List.of(NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK, OK)),
            Map.entry(Action.DECLINE, List.of(NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK, OK)),
            Map.entry(
                    Action.WITHDRAW_INVITATION,
                    List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.CREATE_LINK, List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.REVOKE_LINK, List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.JOIN_BY_LINK, List.of(OK, OK, OK, OK, OK, OK)),
            Map.entry(Action.REMOVE_MEMBER, List.of(OK, OK, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.REMOVE_ADMIN, List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.PROMOTE, List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(Action.DEMOTE, List.of(OK, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_FOUND, NOT_FOUND)),
            Map.entry(
                    Action.LEAVE,
                    List.of(ConflictException.class, OK, OK, InvalidInputException.class, NOT_FOUND, NOT_FOUND)));

    @Autowired
    RoomService rooms;

    @Autowired
    InviteService invites;

    @Autowired
    AccountService accounts;

    private UserSummary owner;
    private UserSummary moderator;
    private UserSummary member;
    private UserSummary outsider;
    private UserSummary former;
    private UserSummary target;
    private UserSummary targetModerator;
    private UserSummary secondAdmin;
    private UserSummary invitee;

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
            Map<UserId, RoomRole> before = roles(room);
            assertThatThrownBy(act::run).isExactlyInstanceOf(expected);
            assertThat(roles(room)).isEqualTo(before);
        }
    }

    /**
     * A fresh room of the owner with a moderator, a member, a member and a moderator to act on, and a former member;
     * public for a non-member of a public room, private otherwise. A second admin only where one is to be removed, so
     * that the owner is the only admin everywhere else.
     */
    private RoomSummary roomFor(Role role, Action action) {
        boolean isPrivate = role != Role.NON_MEMBER_OF_PUBLIC;
        RoomSummary room = rooms.create(owner.id(), "Matrix " + Fixtures.username("m"), null, isPrivate);
        for (UserSummary user : List.of(moderator, member, target, targetModerator, former)) {
            admit(room, user);
        }
        rooms.changeRole(owner.id(), room.slug(), moderator.username(), RoomRole.MODERATOR);
        rooms.changeRole(owner.id(), room.slug(), targetModerator.username(), RoomRole.MODERATOR);
        rooms.leave(former.id(), room.slug());
        if (action == Action.REMOVE_ADMIN) {
            admit(room, secondAdmin);
            rooms.changeRole(owner.id(), room.slug(), secondAdmin.username(), RoomRole.ADMIN);
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
        };
    }

    /** Makes what the action needs (an invitation, a link) as the owner, and returns the action itself. */
    private Runnable prepare(Action action, Role role, RoomSummary room, UserSummary actor) {
        String slug = room.slug();
        UserId by = actor.id();
        boolean isMember = role == Role.ADMIN || role == Role.MODERATOR || role == Role.MEMBER;
        return switch (action) {
            case INVITE -> () -> invites.invite(by, slug, invitee.username());
            case ACCEPT, DECLINE -> {
                long id = invites.invite(owner.id(), slug, (isMember ? invitee : actor).username())
                        .id();
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
            case REMOVE_MEMBER -> () -> rooms.removeMember(by, slug, target.username());
            case REMOVE_ADMIN -> () -> rooms.removeMember(by, slug, secondAdmin.username());
            case PROMOTE -> () -> rooms.changeRole(by, slug, target.username(), RoomRole.MODERATOR);
            case DEMOTE -> () -> rooms.changeRole(by, slug, targetModerator.username(), RoomRole.MEMBER);
            case LEAVE -> () -> rooms.leave(by, slug);
        };
    }

    private Map<UserId, RoomRole> roles(RoomSummary room) {
        return rooms.members(owner.id(), room.id()).stream()
                .collect(Collectors.toMap(m -> m.user().id(), RoomMember::role));
    }

    /** Every cell of the table is filled: a new action or role cannot be forgotten. */
    @Test
    void the_table_covers_every_action_and_role() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Action.values());
        EXPECTED.values().forEach(row -> assertThat(row).hasSize(Role.values().length));
    }
}
