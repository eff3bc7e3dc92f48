package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.GoneException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.messages.MessagePosted;
import dev.parley.messages.MessageService;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.internal.InviteLinkRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Invitations, invite links, removing members and roles; run on SQLite and on H2 by the subclasses. Who may do what is
 * the permission matrix's ({@code RoomPermissionMatrixTest}); this is what each action does.
 */
abstract class InvitesAndRolesContract {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    RoomGuard guard;

    @Autowired
    InviteService invites;

    @Autowired
    AccountService accounts;

    @Autowired
    MessageService messages;

    @Autowired
    LocalBroadcaster broadcaster;

    @Autowired
    InviteLinkRepository links;

    @Test
    void an_invitation_reaches_the_invitee_live_and_stays_listed_for_them_and_the_admins() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        BlockingQueue<Object> bobsEvents = new LinkedBlockingQueue<>();
        Invitation sent;
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), bobsEvents::add)) {

            sent = invites.invite(admin.id(), room.slug(), bob.username().toUpperCase());

            assertThat(next(bobsEvents, InvitationReceived.class).invitation()).isEqualTo(sent);
        }
        assertThat(sent.invitee()).isEqualTo(bob);
        assertThat(sent.invitedBy().id()).isEqualTo(admin.id());
        assertThat(sent.roomName()).isEqualTo(room.name());
        assertThat(invites.invitations(bob.id())).containsExactly(sent);
        assertThat(invites.roomInvitations(admin.id(), room.slug())).containsExactly(sent);
        // Invited is not yet in: the private room still does not exist for Bob.
        assertThatThrownBy(() -> rooms.open(bob.id(), room.slug())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void accepting_makes_the_invitee_a_member_and_every_view_follows_as_for_joining() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        Invitation invitation = invites.invite(admin.id(), room.slug(), bob.username());
        BlockingQueue<Object> roomEvents = new LinkedBlockingQueue<>();
        BlockingQueue<Object> bobsEvents = new LinkedBlockingQueue<>();
        try (Subscription r = broadcaster.subscribe(room.id().topic(), roomEvents::add);
                Subscription b = broadcaster.subscribe(bob.id().topic(), bobsEvents::add)) {

            RoomSummary joined = invites.accept(bob.id(), invitation.id());

            assertThat(joined.member()).isTrue();
            assertThat(joined.role()).isEqualTo(RoomRole.MEMBER);
            MembershipChanged change = next(roomEvents, MembershipChanged.class);
            assertThat(change.joined()).isTrue();
            assertThat(change.user().id()).isEqualTo(bob.id());
            assertThat(change.memberCount()).isEqualTo(2);
            assertThat(next(bobsEvents, InvitationsChanged.class).user()).isEqualTo(bob.id());
        }
        assertThat(rooms.open(bob.id(), room.slug()).member()).isTrue();
        assertThat(rooms.memberRooms(bob.id())).extracting(RoomSummary::slug).contains(room.slug());
        assertThat(invites.invitations(bob.id())).isEmpty();
        assertThat(invites.roomInvitations(admin.id(), room.slug())).isEmpty();
        assertThatThrownBy(() -> invites.accept(bob.id(), invitation.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void declining_withdraws_the_invitation_and_the_room_stays_hidden() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        Invitation invitation = invites.invite(admin.id(), room.slug(), bob.username());

        invites.decline(bob.id(), invitation.id());

        assertThat(invites.invitations(bob.id())).isEmpty();
        assertThat(invites.roomInvitations(admin.id(), room.slug())).isEmpty();
        assertThatThrownBy(() -> rooms.open(bob.id(), room.slug())).isInstanceOf(NotFoundException.class);
        // Declined is not banned: the admins may ask again.
        assertThat(invites.invite(admin.id(), room.slug(), bob.username()).invitee())
                .isEqualTo(bob);
    }

    @Test
    void an_admin_can_withdraw_a_pending_invitation() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        Invitation invitation = invites.invite(admin.id(), room.slug(), bob.username());

        invites.cancel(admin.id(), invitation.id());

        assertThat(invites.invitations(bob.id())).isEmpty();
        assertThatThrownBy(() -> invites.accept(bob.id(), invitation.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void withdrawing_someone_elses_invitation_answers_as_one_that_does_not_exist() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary member = Fixtures.user(accounts, "member");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary secret = privateRoom(admin);
        RoomSummary open = publicRoom(admin);
        members.join(member.id(), open.slug());
        long toSecret =
                invites.invite(admin.id(), secret.slug(), bob.username()).id();
        long toOpen = invites.invite(admin.id(), open.slug(), bob.username()).id();
        long nothing = toOpen + 1_000_000;

        for (long id : List.of(toSecret, toOpen, nothing)) {
            assertThatThrownBy(() -> invites.cancel(outsider.id(), id))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("No such invitation");
            assertThatThrownBy(() -> invites.cancel(member.id(), id))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("No such invitation");
        }
        assertThatThrownBy(() -> invites.cancel(bob.id(), toSecret))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Only the room's admins withdraw an invitation: decline it instead");
        assertThat(invites.invitations(bob.id())).hasSize(2);
    }

    @Test
    void inviting_a_member_someone_already_invited_or_nobody_says_so() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomSummary room = publicRoom(admin);
        members.join(bob.id(), room.slug());
        invites.invite(admin.id(), room.slug(), carol.username());

        assertThatThrownBy(() -> invites.invite(admin.id(), room.slug(), bob.username()))
                .isInstanceOf(ConflictException.class)
                .hasMessage(bob.displayName() + " is already a member of this room");
        assertThatThrownBy(() -> invites.invite(admin.id(), room.slug(), carol.username()))
                .isInstanceOf(ConflictException.class)
                .hasMessage(carol.displayName() + " has already been invited and has not answered yet");
        assertThatThrownBy(() -> invites.invite(admin.id(), room.slug(), "nobody-" + UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("No user is called nobody-");
    }

    @Test
    void joining_a_public_room_withdraws_a_pending_invitation_to_it() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(admin);
        invites.invite(admin.id(), room.slug(), bob.username());

        members.join(bob.id(), room.slug());

        assertThat(invites.invitations(bob.id())).isEmpty();
    }

    @Test
    void an_invite_link_lets_people_into_a_private_room_until_its_uses_run_out() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary carol = Fixtures.user(accounts, "carol");
        UserSummary dave = Fixtures.user(accounts, "dave");
        RoomSummary room = privateRoom(admin);
        NewInviteLink link = invites.createLink(admin.id(), room.slug(), InviteExpiry.DAY, 2);
        assertThat(link.path()).isEqualTo("invite/" + link.token());
        assertThat(link.link().expiresAt()).isEqualTo(link.link().createdAt().plus(Duration.ofDays(1)));

        assertThat(invites.joinByLink(bob.id(), link.token()).member()).isTrue();
        // A member opening it again is let in without using it up.
        assertThat(invites.joinByLink(bob.id(), link.token()).member()).isTrue();
        assertThat(invites.joinByLink(carol.id(), link.token()).member()).isTrue();

        assertThatThrownBy(() -> invites.joinByLink(dave.id(), link.token()))
                .isInstanceOf(GoneException.class)
                .hasMessage("This invite link has been used up.");
        assertThatThrownBy(() -> rooms.open(dave.id(), room.slug())).isInstanceOf(NotFoundException.class);
        assertThat(rooms.open(admin.id(), room.slug()).memberCount()).isEqualTo(3);
        assertThat(invites.links(admin.id(), room.slug())).singleElement().satisfies(info -> {
            assertThat(info.uses()).isEqualTo(2);
            assertThat(info.maxUses()).isEqualTo(2);
            assertThat(info.usable()).isFalse();
        });
    }

    @Test
    void a_revoked_link_says_so_and_leaves_the_admins_list() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        NewInviteLink kept = invites.createLink(admin.id(), room.slug(), InviteExpiry.NEVER, null);
        NewInviteLink revoked = invites.createLink(admin.id(), room.slug(), InviteExpiry.HOUR, 5);

        invites.revokeLink(admin.id(), room.slug(), revoked.link().id());

        assertThatThrownBy(() -> invites.joinByLink(bob.id(), revoked.token()))
                .isInstanceOf(GoneException.class)
                .hasMessage("This invite link was revoked by the room's admins.");
        assertThat(invites.links(admin.id(), room.slug()))
                .extracting(InviteLinkInfo::id)
                .containsExactly(kept.link().id());
        assertThat(invites.links(admin.id(), room.slug()).getFirst().expiresAt())
                .isNull();
        assertThatThrownBy(() -> invites.joinByLink(bob.id(), "pl_no-such-token"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("This invite link is not valid. Ask the room's admins for a new one.");
    }

    @Test
    void an_expired_link_says_so() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        String token = "pl_expired-" + UUID.randomUUID();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        links.save(new InviteLink(
                room.id(), sha256(token), admin.id(), yesterday.minus(Duration.ofHours(1)), yesterday, null));

        assertThatThrownBy(() -> invites.joinByLink(bob.id(), token))
                .isInstanceOf(GoneException.class)
                .hasMessage("This invite link has expired.");
        assertThatThrownBy(() -> rooms.open(bob.id(), room.slug())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void only_a_hash_of_a_link_token_is_stored() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = privateRoom(admin);

        NewInviteLink link = invites.createLink(admin.id(), room.slug(), InviteExpiry.WEEK, null);

        assertThat(links.findByTokenHash(sha256(link.token()))).hasValueSatisfying(stored -> assertThat(stored.id())
                .isEqualTo(link.link().id()));
        assertThat(links.findByTokenHash(link.token())).isEmpty();
        assertThat(link.token()).startsWith("pl_").hasSizeGreaterThan(30);
    }

    @Test
    void a_removed_member_is_out_and_their_subscription_receives_nothing_more() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        invites.accept(
                bob.id(),
                invites.invite(admin.id(), room.slug(), bob.username()).id());
        BlockingQueue<Object> bobsView = new LinkedBlockingQueue<>();
        int before = broadcaster.subscriberCount(room.id().topic());
        Subscription subscription = messages.subscribe(bob.id(), room.id(), bobsView::add);
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(before + 1);

        members.removeMember(admin.id(), room.slug(), bob.username());
        messages.post(admin.id(), room.id(), "after Bob was removed");

        MembershipChanged removed = next(bobsView, MembershipChanged.class);
        assertThat(removed.joined()).isFalse();
        assertThat(removed.user().id()).isEqualTo(bob.id());
        assertThat(removed.removedBy()).isNotNull();
        assertThat(removed.removedBy().id()).isEqualTo(admin.id());
        assertThat(bobsView.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(before);
        subscription.close();
        assertThatThrownBy(() -> rooms.open(bob.id(), room.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.subscribe(bob.id(), room.id(), event -> {}))
                .isInstanceOf(NotFoundException.class);
        assertThat(members.members(admin.id(), room.id()))
                .extracting(m -> m.user().id())
                .containsExactly(admin.id());
    }

    @Test
    void a_member_who_stays_keeps_receiving_after_someone_else_is_removed() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomSummary room = publicRoom(admin);
        members.join(bob.id(), room.slug());
        members.join(carol.id(), room.slug());
        BlockingQueue<Object> carolsView = new LinkedBlockingQueue<>();
        try (Subscription ignored = messages.subscribe(carol.id(), room.id(), carolsView::add)) {

            members.removeMember(admin.id(), room.slug(), bob.username());
            messages.post(admin.id(), room.id(), "still here");

            assertThat(next(carolsView, MembershipChanged.class).user().id()).isEqualTo(bob.id());
            assertThat(next(carolsView, MessagePosted.class).message().body()).isEqualTo("still here");
        }
    }

    @Test
    void moderators_remove_members_and_moderators_but_not_admins_and_nobody_removes_themselves() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary mod = Fixtures.user(accounts, "mod");
        UserSummary otherMod = Fixtures.user(accounts, "othermod");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(admin);
        for (UserSummary user : List.of(mod, otherMod, bob)) {
            members.join(user.id(), room.slug());
        }
        members.changeRole(admin.id(), room.slug(), mod.username(), RoomRole.MODERATOR);
        members.changeRole(admin.id(), room.slug(), otherMod.username(), RoomRole.MODERATOR);

        assertThatThrownBy(() -> members.removeMember(mod.id(), room.slug(), admin.username()))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Moderators cannot remove admins");
        assertThatThrownBy(() -> members.removeMember(mod.id(), room.slug(), mod.username()))
                .hasMessage("To leave the room yourself, use Leave");
        members.removeMember(mod.id(), room.slug(), bob.username());
        members.removeMember(mod.id(), room.slug(), otherMod.username());
        assertThatThrownBy(() -> members.removeMember(mod.id(), room.slug(), bob.username()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such member");

        assertThat(members.members(admin.id(), room.id()))
                .extracting(m -> m.user().id())
                .containsExactlyInAnyOrder(admin.id(), mod.id());
    }

    @Test
    void admins_promote_and_demote_and_the_member_and_the_room_hear_of_it() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(admin);
        members.join(bob.id(), room.slug());
        BlockingQueue<Object> roomEvents = new LinkedBlockingQueue<>();
        BlockingQueue<Object> bobsEvents = new LinkedBlockingQueue<>();
        try (Subscription r = broadcaster.subscribe(room.id().topic(), roomEvents::add);
                Subscription b = broadcaster.subscribe(bob.id().topic(), bobsEvents::add)) {

            members.changeRole(admin.id(), room.slug(), bob.username(), RoomRole.MODERATOR);

            MemberRoleChanged change = next(roomEvents, MemberRoleChanged.class);
            assertThat(change.user().id()).isEqualTo(bob.id());
            assertThat(change.role()).isEqualTo(RoomRole.MODERATOR);
            assertThat(next(bobsEvents, MemberRoleChanged.class)).isEqualTo(change);
        }
        assertThat(rooms.open(bob.id(), room.slug()).role()).isEqualTo(RoomRole.MODERATOR);
        assertThat(guard.access(bob.id(), room.id()).moderates()).isTrue();

        members.changeRole(admin.id(), room.slug(), bob.username(), RoomRole.ADMIN);
        assertThat(rooms.open(bob.id(), room.slug()).role()).isEqualTo(RoomRole.ADMIN);
        // A second admin may take the first one's role away.
        members.changeRole(bob.id(), room.slug(), admin.username(), RoomRole.MEMBER);
        assertThat(rooms.open(admin.id(), room.slug()).role()).isEqualTo(RoomRole.MEMBER);
        assertThatThrownBy(() -> members.changeRole(admin.id(), room.slug(), bob.username(), RoomRole.MEMBER))
                .isInstanceOf(NotAllowedException.class);
    }

    @Test
    void the_last_admin_can_neither_leave_nor_step_down_until_there_is_another() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = privateRoom(admin);
        invites.accept(
                bob.id(),
                invites.invite(admin.id(), room.slug(), bob.username()).id());

        assertThatThrownBy(() -> members.leave(admin.id(), room.slug()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("You are the room's last admin. Make someone else admin first.");
        assertThatThrownBy(() -> members.changeRole(admin.id(), room.slug(), admin.username(), RoomRole.MODERATOR))
                .isInstanceOf(ConflictException.class)
                .hasMessage(Memberships.LAST_ADMIN);
        assertThat(rooms.open(admin.id(), room.slug()).role()).isEqualTo(RoomRole.ADMIN);

        members.changeRole(admin.id(), room.slug(), bob.username(), RoomRole.ADMIN);
        members.changeRole(admin.id(), room.slug(), admin.username(), RoomRole.MEMBER);
        members.leave(admin.id(), room.slug());

        assertThat(members.members(bob.id(), room.id())).singleElement().satisfies(m -> assertThat(m.role())
                .isEqualTo(RoomRole.ADMIN));
    }

    @Test
    void names_are_found_by_the_start_of_the_username_or_display_name() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
        UserSummary byName = accounts.register(word + "_x", "Someone", Fixtures.PASSWORD);
        UserSummary lookalike = accounts.register(word + "ax", "Someone Else", Fixtures.PASSWORD);
        UserSummary byDisplay =
                accounts.register(Fixtures.username("disp"), "Zz" + word + " Person", Fixtures.PASSWORD);

        assertThat(accounts.search(word.toUpperCase(), 0, 10)).containsExactly(byName, lookalike);
        // "_" is a character to find, not a wildcard.
        assertThat(accounts.search(word + "_", 0, 10)).containsExactly(byName);
        assertThat(accounts.search("zz" + word, 0, 10)).containsExactly(byDisplay);
        assertThat(accounts.search(word, 1, 10)).containsExactly(lookalike);
        assertThat(accounts.search(word, AccountService.SEARCH_LIMIT, 10)).isEmpty();
    }

    private RoomSummary privateRoom(UserSummary admin) {
        return rooms.create(admin.id(), "Private " + Fixtures.username("p"), null, true);
    }

    private RoomSummary publicRoom(UserSummary admin) {
        return rooms.create(admin.id(), "Public " + Fixtures.username("p"), null, false);
    }

    /** The next event of the type on the queue, skipping others (presence and the like); fails after 5 s. */
    static <T> T next(BlockingQueue<Object> events, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            @Nullable Object event = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " within 5 s");
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
