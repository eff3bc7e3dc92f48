package dev.parley.rooms;

import static dev.parley.rooms.InvitesAndRolesContract.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.DataDirectory;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.files.Attachment;
import dev.parley.files.FileService;
import dev.parley.files.TestFiles;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.RoomService.RoomChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Room settings (rename, description, visibility, archive, delete), bans, mutes and the moderation log: what each does,
 * on SQLite and on H2 by the subclasses. Who may do them is the permission matrix's ({@code RoomPermissionMatrixTest}).
 */
abstract class ModerationContract {

    @Autowired
    RoomService rooms;

    @Autowired
    DirectConversations directs;

    @Autowired
    Memberships members;

    @Autowired
    RoomGuard guard;

    @Autowired
    RoomSequences sequences;

    @Autowired
    ModerationService moderation;

    @Autowired
    InviteService invites;

    @Autowired
    AccountService accounts;

    @Autowired
    InstanceAdministration administration;

    @Autowired
    MessageService messages;

    @Autowired
    FileService files;

    @Autowired
    LocalBroadcaster broadcaster;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataDirectory dataDirectory;

    private RoomSummary room(UserSummary admin, boolean isPrivate) {
        return rooms.create(admin.id(), "Mod " + UUID.randomUUID().toString().substring(0, 8), "About", isPrivate);
    }

    private void admit(RoomSummary room, UserSummary admin, UserSummary user) {
        invites.accept(
                user.id(),
                invites.invite(admin.id(), room.slug(), user.username()).id());
    }

    @Test
    void renaming_keeps_the_slug_and_every_view_learns_the_new_name_and_description() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = room(admin, false);
        members.join(bob.id(), room.slug());
        BlockingQueue<Object> roomEvents = new LinkedBlockingQueue<>();
        BlockingQueue<Object> bobsEvents = new LinkedBlockingQueue<>();
        BlockingQueue<Object> lobby = new LinkedBlockingQueue<>();
        RoomSummary renamed;
        try (Subscription a = broadcaster.subscribe(room.id().topic(), roomEvents::add);
                Subscription b = broadcaster.subscribe(bob.id().topic(), bobsEvents::add);
                Subscription c = broadcaster.subscribe(RoomCreated.LOBBY_TOPIC, lobby::add)) {

            renamed = rooms.updateSettings(
                    admin.id(), room.slug(), new RoomChanges("  Product design ", "New topic", null, null));

            for (BlockingQueue<Object> queue : List.of(roomEvents, bobsEvents, lobby)) {
                RoomUpdated updated = next(queue, RoomUpdated.class);
                assertThat(updated.name()).isEqualTo("Product design");
                assertThat(updated.description()).isEqualTo("New topic");
                assertThat(updated.slug()).isEqualTo(room.slug());
                assertThat(updated.members()).containsExactlyInAnyOrder(admin.id(), bob.id());
            }
        }
        assertThat(renamed.slug()).isEqualTo(room.slug());
        assertThat(rooms.open(bob.id(), room.slug()).name()).isEqualTo("Product design");
        assertThat(rooms.open(bob.id(), room.slug()).description()).isEqualTo("New topic");
        assertThatThrownBy(() -> rooms.updateSettings(admin.id(), room.slug(), new RoomChanges(" ", null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Room name must be 1 to 64 characters");
        assertThat(rooms.open(bob.id(), room.slug()).name()).isEqualTo("Product design");
    }

    @Test
    void a_room_made_private_is_gone_at_once_for_non_members_and_made_public_again_anyone_reads_it() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary reader = Fixtures.user(accounts, "reader");
        RoomSummary room = room(admin, false);
        BlockingQueue<Object> readerView = new LinkedBlockingQueue<>();
        try (Subscription ignored = messages.subscribe(reader.id(), room.id(), readerView::add)) {

            rooms.updateSettings(admin.id(), room.slug(), new RoomChanges(null, null, true, null));

            RoomUpdated updated = next(readerView, RoomUpdated.class);
            assertThat(updated.readableBy(reader.id())).isFalse();
            // The reader's subscription ended with it: nothing more reaches the view that is leaving.
            messages.post(admin.id(), room.id(), "secret from now on");
            assertThat(readerView.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
        assertThatThrownBy(() -> rooms.open(reader.id(), room.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.join(reader.id(), room.slug())).isInstanceOf(NotFoundException.class);
        assertThat(rooms.readableRooms(reader.id()).rooms())
                .extracting(RoomRef::id)
                .doesNotContain(room.id());

        rooms.updateSettings(admin.id(), room.slug(), new RoomChanges(null, null, false, null));

        assertThat(rooms.open(reader.id(), room.slug()).isPrivate()).isFalse();
        assertThat(members.join(reader.id(), room.slug()).member()).isTrue();
    }

    @Test
    void an_archived_room_is_read_only_for_everyone_and_readable_as_before() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = room(admin, true);
        admit(room, admin, bob);
        ChatMessage bobs = messages.post(bob.id(), room.id(), "before the archive");
        Attachment pending = files.upload(bob.id(), room.id(), "notes.txt", TestFiles.stream(TestFiles.text("hi")));

        RoomSummary archived = rooms.updateSettings(admin.id(), room.slug(), new RoomChanges(null, null, null, true));

        assertThat(archived.archived()).isTrue();
        assertThat(rooms.open(bob.id(), room.slug()).archived()).isTrue();
        for (var user : List.of(admin, bob)) {
            assertThatThrownBy(() -> messages.post(user.id(), room.id(), "after"))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessage(RoomGuard.ARCHIVED);
        }
        assertThatThrownBy(() -> messages.post(bob.id(), room.id(), "", List.of(pending.id())))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> messages.edit(bob.id(), bobs.id(), "changed")).hasMessage(RoomGuard.ARCHIVED);
        assertThatThrownBy(() -> messages.react(bob.id(), bobs.id(), "👍")).hasMessage(RoomGuard.ARCHIVED);
        assertThatThrownBy(() -> messages.delete(admin.id(), bobs.id())).hasMessage(RoomGuard.ARCHIVED);
        assertThatThrownBy(() -> files.upload(bob.id(), room.id(), "a.txt", TestFiles.stream(TestFiles.text("x"))))
                .hasMessage(RoomGuard.ARCHIVED);
        assertThat(messages.latest(bob.id(), room.id(), 10))
                .extracting(ChatMessage::body)
                .containsExactly("before the archive");
        assertThat(rooms.readableRooms(bob.id()).rooms())
                .extracting(RoomRef::id)
                .contains(room.id());

        rooms.updateSettings(admin.id(), room.slug(), new RoomChanges(null, null, null, false));

        assertThat(messages.post(bob.id(), room.id(), "back").body()).isEqualTo("back");
    }

    @Test
    void deleting_a_room_deletes_everything_in_it_and_its_url_answers_like_a_missing_room() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary invitee = Fixtures.user(accounts, "invitee");
        RoomSummary room = room(admin, false);
        members.join(bob.id(), room.slug());
        Attachment file = files.upload(bob.id(), room.id(), "plan.png", TestFiles.stream(TestFiles.png(40, 30)));
        ChatMessage posted = messages.post(bob.id(), room.id(), "hello @" + admin.username(), List.of(file.id()));
        messages.react(admin.id(), posted.id(), "👍");
        Attachment pending = files.upload(bob.id(), room.id(), "later.txt", TestFiles.stream(TestFiles.text("x")));
        invites.invite(admin.id(), room.slug(), invitee.username());
        invites.createLink(admin.id(), room.slug(), InviteExpiry.DAY, null);
        moderation.mute(admin.id(), room.slug(), bob.username(), Duration.ofHours(1), "noise");
        Path uploads = dataDirectory.resolve("uploads");
        long storedBefore = countFiles(uploads);
        long id = room.id().value();
        BlockingQueue<Object> roomView = new LinkedBlockingQueue<>();
        BlockingQueue<Object> bobsTabs = new LinkedBlockingQueue<>();
        BlockingQueue<Object> inviteesTabs = new LinkedBlockingQueue<>();
        try (Subscription a = messages.subscribe(bob.id(), room.id(), roomView::add);
                Subscription b = broadcaster.subscribe(bob.id().topic(), bobsTabs::add);
                Subscription c = broadcaster.subscribe(invitee.id().topic(), inviteesTabs::add)) {

            rooms.delete(admin.id(), room.slug());

            RoomDeleted deleted = next(roomView, RoomDeleted.class);
            assertThat(deleted.name()).isEqualTo(room.name());
            assertThat(deleted.by().id()).isEqualTo(admin.id());
            assertThat(next(bobsTabs, RoomDeleted.class).id()).isEqualTo(room.id());
            assertThat(next(inviteesTabs, InvitationsChanged.class).user()).isEqualTo(invitee.id());
        }
        assertThatThrownBy(() -> rooms.open(bob.id(), room.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rooms.open(admin.id(), room.slug())).isInstanceOf(NotFoundException.class);
        assertThat(rooms.visibleRooms(admin.id())).extracting(RoomSummary::id).doesNotContain(room.id());
        assertThat(invites.invitations(invitee.id())).isEmpty();
        for (String table : List.of(
                "messages",
                "files",
                "mentions",
                "memberships",
                "room_invites",
                "invite_links",
                "room_mutes",
                "moderation_log",
                "room_bans")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE room_id = ?", Long.class, id))
                    .as(table)
                    .isZero();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM reactions WHERE message_id = ?",
                        Long.class,
                        posted.id().value()))
                .isZero();
        // The image, its thumbnail and the pending upload are gone from the disk.
        assertThat(countFiles(uploads)).isEqualTo(storedBefore - 3);
        assertThatThrownBy(() -> files.open(bob.id(), pending.id(), false)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_general_room_cannot_be_deleted_and_direct_conversations_have_no_settings() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary direct = directs.start(admin.id(), List.of(bob.username()));

        assertThatThrownBy(
                        () -> rooms.updateSettings(admin.id(), direct.slug(), new RoomChanges("x", null, null, null)))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> rooms.delete(admin.id(), direct.slug())).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> rooms.delete(admin.id(), RoomService.GENERAL)).isInstanceOf(NotAllowedException.class);
        assertThat(rooms.open(admin.id(), RoomService.GENERAL).slug()).isEqualTo(RoomService.GENERAL);
    }

    @Test
    void a_banned_member_leaves_at_once_and_cannot_come_back_in_any_way_until_unbanned() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = room(admin, false);
        members.join(bob.id(), room.slug());
        String token = invites.createLink(admin.id(), room.slug(), InviteExpiry.DAY, null)
                .token();
        BlockingQueue<Object> bobsView = new LinkedBlockingQueue<>();
        try (Subscription ignored = messages.subscribe(bob.id(), room.id(), bobsView::add)) {

            moderation.ban(admin.id(), room.slug(), bob.username(), "  spam links ");

            MembershipChanged removed = next(bobsView, MembershipChanged.class);
            assertThat(removed.joined()).isFalse();
            assertThat(removed.banned()).isTrue();
            assertThat(removed.removedBy().id()).isEqualTo(admin.id());
        }
        String banned = "You are banned from #" + room.name();
        assertThatThrownBy(() -> members.join(bob.id(), room.slug()))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage(banned);
        assertThatThrownBy(() -> invites.joinByLink(bob.id(), token)).hasMessage(banned);
        assertThatThrownBy(() -> invites.invite(admin.id(), room.slug(), bob.username()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> moderation.ban(admin.id(), room.slug(), bob.username(), null))
                .isInstanceOf(ConflictException.class);
        assertThat(moderation.bans(admin.id(), room.slug())).singleElement().satisfies(ban -> {
            assertThat(ban.user().id()).isEqualTo(bob.id());
            assertThat(ban.bannedBy().id()).isEqualTo(admin.id());
            assertThat(ban.reason()).isEqualTo("spam links");
        });
        // The link was not used up by the refusal.
        assertThat(invites.links(admin.id(), room.slug()).getFirst().uses()).isZero();

        moderation.unban(admin.id(), room.slug(), bob.username());

        assertThat(moderation.bans(admin.id(), room.slug())).isEmpty();
        assertThat(members.join(bob.id(), room.slug()).member()).isTrue();
        assertThatThrownBy(() -> moderation.unban(admin.id(), room.slug(), bob.username()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void banning_withdraws_a_pending_invitation_and_moderators_cannot_ban_admins() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary mod = Fixtures.user(accounts, "mod");
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomSummary room = room(admin, true);
        admit(room, admin, mod);
        members.changeRole(admin.id(), room.slug(), mod.username(), RoomRole.MODERATOR);
        long invitation =
                invites.invite(admin.id(), room.slug(), carol.username()).id();
        BlockingQueue<Object> carolsTabs = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(carol.id().topic(), carolsTabs::add)) {

            moderation.ban(mod.id(), room.slug(), carol.username(), null);

            assertThat(next(carolsTabs, InvitationsChanged.class).user()).isEqualTo(carol.id());
        }
        assertThat(invites.invitations(carol.id())).isEmpty();
        assertThatThrownBy(() -> invites.accept(carol.id(), invitation)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> moderation.ban(mod.id(), room.slug(), admin.username(), null))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Moderators cannot ban admins");
        assertThatThrownBy(() -> moderation.ban(mod.id(), room.slug(), mod.username(), null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_muted_member_reads_but_cannot_post_edit_react_or_upload_until_unmuted() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = room(admin, false);
        members.join(bob.id(), room.slug());
        ChatMessage bobs = messages.post(bob.id(), room.id(), "mine");
        BlockingQueue<Object> bobsTabs = new LinkedBlockingQueue<>();
        Instant until;
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), bobsTabs::add)) {

            until = moderation.mute(admin.id(), room.slug(), bob.username(), Duration.ofMinutes(15), "cool down");

            MemberMuted muted = next(bobsTabs, MemberMuted.class);
            assertThat(muted.until()).isEqualTo(until);
            assertThat(muted.room()).isEqualTo(room.id());
        }
        assertThat(guard.mutedUntil(bob.id(), room.id())).isEqualTo(until);
        assertThatThrownBy(() -> messages.post(bob.id(), room.id(), "hello"))
                .isInstanceOfSatisfying(
                        MutedException.class, e -> assertThat(e.until()).isEqualTo(until))
                .hasMessage("You are muted in #" + room.name() + " until " + until + ".");
        assertThatThrownBy(() -> messages.edit(bob.id(), bobs.id(), "changed")).isInstanceOf(MutedException.class);
        assertThatThrownBy(() -> messages.react(bob.id(), bobs.id(), "👍")).isInstanceOf(MutedException.class);
        assertThatThrownBy(() -> files.upload(bob.id(), room.id(), "a.txt", TestFiles.stream(TestFiles.text("x"))))
                .isInstanceOf(MutedException.class);
        assertThat(messages.latest(bob.id(), room.id(), 5))
                .extracting(ChatMessage::body)
                .containsExactly("mine");
        assertThat(moderation.mutes(admin.id(), room.id())).singleElement().satisfies(mute -> {
            assertThat(mute.user().id()).isEqualTo(bob.id());
            assertThat(mute.reason()).isEqualTo("cool down");
        });
        // Deleting one's own message stays allowed: it only takes away.
        assertThat(messages.delete(bob.id(), bobs.id()).deleted()).isTrue();

        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), bobsTabs::add)) {
            moderation.unmute(admin.id(), room.slug(), bob.username());
            assertThat(next(bobsTabs, MemberUnmuted.class).user()).isEqualTo(bob.id());
        }
        assertThat(guard.mutedUntil(bob.id(), room.id())).isNull();
        assertThat(messages.post(bob.id(), room.id(), "back").body()).isEqualTo("back");
        assertThatThrownBy(() -> moderation.unmute(admin.id(), room.slug(), bob.username()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> moderation.mute(admin.id(), room.slug(), bob.username(), Duration.ofDays(31), null))
                .isInstanceOf(InvalidInputException.class);
    }

    /**
     * A post is checked on a reader first, then again by the statement that takes its number on the writer: a mute, an
     * archive or a removal that lands in between still refuses it, with the same reason, and takes no number.
     */
    @Test
    void the_statement_that_numbers_a_post_refuses_it_when_a_mute_archive_or_removal_landed_after_the_first_check() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = room(admin, false);
        members.join(bob.id(), room.slug());
        TransactionTemplate write = new TransactionTemplate(transactions);
        long before = lastSeq(room);

        MessageNumbers numbers = write.execute(status -> sequences.nextMessageNumbersFor(bob.id(), room.id()));
        assertThat(numbers.seq()).isEqualTo(before + 1);

        Instant until = moderation.mute(admin.id(), room.slug(), bob.username(), Duration.ofMinutes(15), null);
        assertThatThrownBy(() -> write.execute(status -> sequences.nextMessageNumbersFor(bob.id(), room.id())))
                .isInstanceOfSatisfying(
                        MutedException.class, e -> assertThat(e.until()).isEqualTo(until));
        moderation.unmute(admin.id(), room.slug(), bob.username());

        members.removeMember(admin.id(), room.slug(), bob.username());
        assertThatThrownBy(() -> write.execute(status -> sequences.nextMessageNumbersFor(bob.id(), room.id())))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Join the room to post in it");

        rooms.updateSettings(admin.id(), room.slug(), new RoomChanges(null, null, null, true));
        assertThatThrownBy(() -> write.execute(status -> sequences.nextMessageNumbersFor(admin.id(), room.id())))
                .isInstanceOf(NotAllowedException.class);
        assertThat(lastSeq(room)).isEqualTo(before + 1);
    }

    private long lastSeq(RoomSummary room) {
        return jdbc.queryForObject(
                "select last_seq from rooms where id = ?", Long.class, room.id().value());
    }

    @Test
    void a_mute_ends_by_itself_when_its_time_passes_and_the_members_views_are_told() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = room(admin, false);
        members.join(bob.id(), room.slug());
        moderation.mute(admin.id(), room.slug(), bob.username(), Duration.ofMinutes(15), null);
        // Fifteen minutes later, as far as the mute is concerned.
        jdbc.update(
                "UPDATE room_mutes SET muted_until = ? WHERE room_id = ? AND user_id = ?",
                Instant.now().minusSeconds(1).toEpochMilli(),
                room.id().value(),
                bob.id().value());

        assertThat(guard.mutedUntil(bob.id(), room.id())).isNull();
        assertThat(messages.post(bob.id(), room.id(), "free again").body()).isEqualTo("free again");

        BlockingQueue<Object> bobsTabs = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), bobsTabs::add)) {
            // What the sweeper does every few seconds.
            moderation.endMutes(moderation.endedMutes(100));
            assertThat(next(bobsTabs, MemberUnmuted.class).room()).isEqualTo(room.id());
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM room_mutes WHERE room_id = ?",
                        Long.class,
                        room.id().value()))
                .isZero();
    }

    @Test
    void every_moderation_action_is_logged_for_the_admins_newest_first() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary mod = Fixtures.user(accounts, "mod");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomSummary room = room(admin, false);
        members.join(mod.id(), room.slug());
        members.join(bob.id(), room.slug());
        members.join(carol.id(), room.slug());

        members.changeRole(admin.id(), room.slug(), mod.username(), RoomRole.MODERATOR);
        moderation.mute(mod.id(), room.slug(), bob.username(), Duration.ofHours(1), "flooding");
        moderation.unmute(mod.id(), room.slug(), bob.username());
        members.removeMember(mod.id(), room.slug(), carol.username());
        moderation.ban(mod.id(), room.slug(), bob.username(), "spam");
        moderation.unban(admin.id(), room.slug(), bob.username());
        rooms.updateSettings(admin.id(), room.slug(), new RoomChanges("Renamed", "New description", true, true));

        List<ModerationEntry> log = moderation.log(admin.id(), room.slug(), Long.MAX_VALUE, 50);
        assertThat(log)
                .extracting(ModerationEntry::action)
                .containsExactly(
                        ModerationAction.ARCHIVE,
                        ModerationAction.VISIBILITY,
                        ModerationAction.DESCRIPTION,
                        ModerationAction.RENAME,
                        ModerationAction.UNBAN,
                        ModerationAction.BAN,
                        ModerationAction.REMOVE,
                        ModerationAction.UNMUTE,
                        ModerationAction.MUTE,
                        ModerationAction.ROLE_CHANGE);
        ModerationEntry ban = log.get(5);
        assertThat(ban.actor().id()).isEqualTo(mod.id());
        assertThat(ban.target().id()).isEqualTo(bob.id());
        assertThat(ban.reason()).isEqualTo("spam");
        assertThat(log.get(3).detail()).isEqualTo(room.name() + " → Renamed");
        assertThat(log.get(3).target()).isNull();
        assertThat(log.get(1).detail()).isEqualTo("private");
        assertThat(log.getLast().detail()).isEqualTo("moderator");
        // Paged by the oldest entry shown.
        assertThat(moderation.log(admin.id(), room.slug(), log.get(1).id(), 2))
                .extracting(ModerationEntry::action)
                .containsExactly(ModerationAction.DESCRIPTION, ModerationAction.RENAME);
        assertThatThrownBy(() -> moderation.log(mod.id(), room.slug(), Long.MAX_VALUE, 50))
                .isInstanceOf(NotAllowedException.class);
    }

    @Test
    void a_disabled_account_cannot_be_invited_and_changes_nothing_in_its_rooms() {
        UserSummary instanceAdmin = Fixtures.user(accounts, "root");
        AccountTestData.makeInstanceAdmin(users, transactions, instanceAdmin.id());
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary dora = Fixtures.user(accounts, "dora");
        RoomSummary room = room(admin, true);
        RoomSummary theirs = room(dora, true);
        administration.disable(instanceAdmin.id(), dora.username());

        assertThatThrownBy(() -> invites.invite(admin.id(), room.slug(), dora.username()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("disabled");
        assertThatThrownBy(() -> rooms.updateSettings(dora.id(), theirs.slug(), new RoomChanges("x", null, null, null)))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Your account is disabled");
        assertThatThrownBy(() -> messages.post(dora.id(), theirs.id(), "still here?"))
                .isInstanceOf(NotAllowedException.class);

        administration.enable(instanceAdmin.id(), dora.username());
        assertThat(invites.invite(admin.id(), room.slug(), dora.username())
                        .invitee()
                        .id())
                .isEqualTo(dora.id());
    }

    private static long countFiles(Path folder) throws Exception {
        try (var list = Files.list(folder)) {
            return list.count();
        }
    }
}
