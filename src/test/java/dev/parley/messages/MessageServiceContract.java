package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.ParleyException;
import dev.parley.base.TooLargeException;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomTestData;
import dev.parley.rooms.internal.MembershipRepository;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Posting, editing, deleting, reactions, history and live delivery; run on SQLite and on H2 by the subclasses. */
abstract class MessageServiceContract {

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void member_posts_and_history_returns_the_message_as_written() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Room " + Fixtures.username("r"), null, false);

        ChatMessage posted = messages.post(alice.id(), room.id(), "  <b>Hello</b> & welcome\nsecond line  ");

        assertThat(posted.seq()).isEqualTo(1);
        assertThat(posted.body()).isEqualTo("<b>Hello</b> & welcome\nsecond line");
        assertThat(posted.author().username()).isEqualTo(alice.username());
        assertThat(messages.latest(alice.id(), room.id(), 50)).containsExactly(posted);
    }

    @Test
    void empty_and_too_long_messages_are_refused_with_a_reason() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Room " + Fixtures.username("r"), null, false);

        assertThatThrownBy(() -> messages.post(alice.id(), room.id(), " \n\t "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A message cannot be empty");
        assertThatThrownBy(() -> messages.post(alice.id(), room.id(), "x".repeat(Message.BODY_MAX_LENGTH + 1)))
                .isInstanceOf(TooLargeException.class)
                .hasMessageContaining("at most 4000");
        assertThat(messages.post(alice.id(), room.id(), "y".repeat(Message.BODY_MAX_LENGTH))
                        .seq())
                .isEqualTo(1);
    }

    @Test
    void history_pages_by_sequence_in_both_directions() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Room " + Fixtures.username("r"), null, false);
        for (int i = 1; i <= 120; i++) {
            messages.post(alice.id(), room.id(), "message " + i);
        }

        List<ChatMessage> newest = messages.latest(alice.id(), room.id(), 50);
        assertThat(newest).extracting(ChatMessage::seq).containsExactlyElementsOf(range(71, 120));
        List<ChatMessage> older = messages.before(alice.id(), room.id(), 71, 50);
        assertThat(older).extracting(ChatMessage::seq).containsExactlyElementsOf(range(21, 70));
        assertThat(messages.before(alice.id(), room.id(), 21, 50))
                .extracting(ChatMessage::seq)
                .containsExactlyElementsOf(range(1, 20));
        assertThat(messages.after(alice.id(), room.id(), 100, 50))
                .extracting(ChatMessage::seq)
                .containsExactlyElementsOf(range(101, 120));
        assertThat(messages.after(alice.id(), room.id(), 120, 50)).isEmpty();
        assertThatThrownBy(() -> messages.latest(alice.id(), room.id(), 101)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void concurrent_posts_get_sequence_numbers_without_gaps() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Busy " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            UserSummary author = t % 2 == 0 ? alice : bob;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    messages.post(author.id(), room.id(), "from " + author.username() + " " + i);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<ChatMessage> all = new ArrayList<>(messages.before(alice.id(), room.id(), 51, 50));
        all.addAll(messages.after(alice.id(), room.id(), 50, 50));
        assertThat(all).extracting(ChatMessage::seq).containsExactlyElementsOf(range(1, 100));
    }

    /**
     * Eight writers start at once, each posting and editing its own posts: on H2 and PostgreSQL each in a transaction
     * of its own on a connection of its own, so that the room's row is what orders them.
     */
    @Test
    void many_writers_at_once_number_the_posts_one_to_n_and_give_every_change_its_own_version() throws Exception {
        int writers = 8;
        int postsEach = 20;
        int editEvery = 5;
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Crowded " + Fixtures.username("r"), null, false);
        List<UserSummary> authors = new ArrayList<>();
        for (int w = 0; w < writers / 2; w++) {
            UserSummary author = Fixtures.user(accounts, "writer");
            members.join(author.id(), room.slug());
            authors.add(author);
        }

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            UserSummary author = authors.get(w % authors.size());
            int writer = w;
            futures.add(pool.submit(() -> {
                start.await();
                List<Long> seqs = new ArrayList<>();
                for (int i = 1; i <= postsEach; i++) {
                    ChatMessage posted = messages.post(author.id(), room.id(), "writer " + writer + " post " + i);
                    seqs.add(posted.seq());
                    if (i % editEvery == 0) {
                        messages.edit(author.id(), posted.id(), "writer " + writer + " post " + i + ", edited");
                    }
                }
                return seqs;
            }));
        }
        start.countDown();
        List<Long> acknowledged = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            List<Long> seqs = f.get(120, TimeUnit.SECONDS);
            // Each writer's own posts are numbered in the order it posted them.
            assertThat(seqs).isSorted();
            acknowledged.addAll(seqs);
        }
        pool.shutdown();

        int posts = writers * postsEach;
        int edits = writers * (postsEach / editEvery);
        assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(range(1, posts));
        assertThat(jdbc.queryForList(
                        "SELECT seq FROM messages WHERE room_id = ? ORDER BY seq",
                        Long.class,
                        room.id().value()))
                .containsExactlyElementsOf(range(1, posts));
        List<Long> versions = jdbc.queryForList(
                "SELECT version FROM messages WHERE room_id = ? ORDER BY version",
                Long.class,
                room.id().value());
        assertThat(versions).hasSize(posts).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject(
                        "SELECT last_seq FROM rooms WHERE id = ?",
                        Long.class,
                        room.id().value()))
                .isEqualTo(posts);
        assertThat(jdbc.queryForObject(
                        "SELECT last_version FROM rooms WHERE id = ?",
                        Long.class,
                        room.id().value()))
                .isEqualTo(posts + edits);
        assertThat(versions.getLast()).isEqualTo((long) posts + edits);
    }

    @Test
    void non_members_may_read_a_public_room_but_must_join_to_post() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Open " + Fixtures.username("r"), null, false);
        messages.post(alice.id(), room.id(), "hi");

        assertThat(messages.latest(bob.id(), room.id(), 50)).hasSize(1);
        assertThatThrownBy(() -> messages.post(bob.id(), room.id(), "me too"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Join the room to post in it");
    }

    @Test
    void non_members_learn_nothing_of_a_private_room() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary eve = Fixtures.user(accounts, "eve");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("r"), null, true);
        messages.post(alice.id(), secret.id(), "the plan");

        assertThatThrownBy(() -> messages.latest(eve.id(), secret.id(), 50)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.after(eve.id(), secret.id(), 0, 50)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.post(eve.id(), secret.id(), "hi")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.subscribe(eve.id(), secret.id(), event -> {}))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void subscribers_receive_posted_messages_after_commit() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Live " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        try (Subscription ignored = messages.subscribe(bob.id(), room.id(), received::add)) {
            ChatMessage posted = messages.post(alice.id(), room.id(), "live!");
            Object event = received.poll(5, TimeUnit.SECONDS);
            assertThat(event).isEqualTo(new MessagePosted(posted));
        }
    }

    @Test
    void a_member_who_left_a_private_room_cannot_subscribe_again() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("r"), null, true);
        UserSummary other = Fixtures.user(accounts, "other");
        // The creator leaves, another admin keeping the room: from now on it is as good as missing for them.
        RoomTestData.addMember(
                memberships, secret.id(), Fixtures.user(accounts, "successor").id(), RoomRole.ADMIN);
        members.leave(alice.id(), secret.slug());

        assertThatThrownBy(() -> messages.subscribe(alice.id(), secret.id(), event -> {}))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.subscribe(other.id(), secret.id(), event -> {}))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- Editing and deleting ----

    @Test
    void author_edits_a_message_and_history_returns_the_latest_text() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Edit " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "teh plan");
        assertThat(posted.edited()).isFalse();

        ChatMessage edited = messages.edit(alice.id(), posted.id(), "  the plan  ");

        assertThat(edited.body()).isEqualTo("the plan");
        assertThat(edited.editedAt()).isNotNull();
        assertThat(edited.version()).isGreaterThan(posted.version());
        assertThat(edited.seq()).isEqualTo(posted.seq());
        assertThat(edited.createdAt()).isEqualTo(posted.createdAt());
        assertThat(messages.latest(alice.id(), room.id(), 50)).containsExactly(edited);
    }

    @Test
    void editing_to_the_same_text_changes_nothing() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Same " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "unchanged");

        ChatMessage again = messages.edit(alice.id(), posted.id(), "unchanged\n");

        assertThat(again).isEqualTo(posted);
        assertThat(messages.changedSince(alice.id(), room.id(), posted.version(), 50))
                .isEmpty();
    }

    @Test
    void an_edit_is_checked_like_a_post() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Check " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "short");

        assertThatThrownBy(() -> messages.edit(alice.id(), posted.id(), " \n "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A message cannot be empty");
        assertThatThrownBy(() -> messages.edit(alice.id(), posted.id(), "x".repeat(Message.BODY_MAX_LENGTH + 1)))
                .isInstanceOf(TooLargeException.class)
                .hasMessageContaining("at most 4000");
        assertThat(messages.latest(alice.id(), room.id(), 50))
                .extracting(ChatMessage::body)
                .containsExactly("short");
    }

    @Test
    void only_the_author_may_edit_not_even_the_rooms_admin() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(admin.id(), "Mine " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage bobs = messages.post(bob.id(), room.id(), "bob's words");
        ChatMessage admins = messages.post(admin.id(), room.id(), "admin's words");

        assertThatThrownBy(() -> messages.edit(admin.id(), bobs.id(), "rewritten"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("You can only edit your own messages");
        assertThatThrownBy(() -> messages.edit(bob.id(), admins.id(), "rewritten"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("You can only edit your own messages");
        assertThat(messages.latest(bob.id(), room.id(), 50))
                .extracting(ChatMessage::body)
                .containsExactly("bob's words", "admin's words");
    }

    @Test
    void a_deleted_message_cannot_be_edited() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Gone " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "oops");
        messages.delete(alice.id(), posted.id());

        assertThatThrownBy(() -> messages.edit(alice.id(), posted.id(), "back again"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("This message was deleted and can no longer be edited");
        assertThat(messages.latest(alice.id(), room.id(), 50).getFirst().deleted())
                .isTrue();
    }

    @Test
    void author_deletes_and_the_text_is_gone_from_storage_leaving_a_tombstone() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Erase " + Fixtures.username("r"), null, false);
        messages.post(alice.id(), room.id(), "before");
        ChatMessage secret = messages.post(alice.id(), room.id(), "my password is hunter2");
        messages.post(alice.id(), room.id(), "after");

        ChatMessage tombstone = messages.delete(alice.id(), secret.id());

        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.body()).isEmpty();
        assertThat(tombstone.seq()).isEqualTo(secret.seq());
        assertThat(tombstone.version()).isGreaterThan(secret.version());
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT body, deleted_at, version FROM messages WHERE id = ?",
                secret.id().value());
        assertThat(row.get("body")).isEqualTo("");
        assertThat(row.get("deleted_at")).isNotNull();
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(tombstone.version());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE body LIKE '%hunter2%'", Long.class))
                .isZero();
        List<ChatMessage> history = messages.latest(alice.id(), room.id(), 50);
        assertThat(history).extracting(ChatMessage::body).containsExactly("before", "", "after");
        assertThat(history.get(1)).isEqualTo(tombstone);
    }

    @Test
    void deleting_twice_changes_nothing() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Twice " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "bye");
        ChatMessage tombstone = messages.delete(alice.id(), posted.id());

        assertThat(messages.delete(alice.id(), posted.id())).isEqualTo(tombstone);
        assertThat(messages.changedSince(alice.id(), room.id(), tombstone.version(), 50))
                .isEmpty();
    }

    @Test
    void the_rooms_admin_and_moderators_delete_anyones_messages() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary moderator = Fixtures.user(accounts, "mod");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(admin.id(), "Moderated " + Fixtures.username("r"), null, false);
        RoomTestData.addMember(memberships, room.id(), moderator.id(), RoomRole.MODERATOR);
        members.join(bob.id(), room.slug());
        ChatMessage first = messages.post(bob.id(), room.id(), "spam one");
        ChatMessage second = messages.post(bob.id(), room.id(), "spam two");
        ChatMessage adminsOwn = messages.post(admin.id(), room.id(), "rules");

        assertThat(messages.delete(admin.id(), first.id()).deleted()).isTrue();
        assertThat(messages.delete(moderator.id(), second.id()).deleted()).isTrue();
        assertThat(messages.delete(moderator.id(), adminsOwn.id()).deleted()).isTrue();
        assertThat(messages.latest(bob.id(), room.id(), 50)).allMatch(ChatMessage::deleted);
    }

    @Test
    void a_plain_member_cannot_delete_someone_elses_message() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary reader = Fixtures.user(accounts, "reader");
        RoomSummary room = rooms.create(alice.id(), "Plain " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage alices = messages.post(alice.id(), room.id(), "keep me");

        assertThatThrownBy(() -> messages.delete(bob.id(), alices.id()))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("You can only delete your own messages");
        // Reading a public room without joining gives no more rights.
        assertThatThrownBy(() -> messages.delete(reader.id(), alices.id())).isInstanceOf(NotAllowedException.class);
        assertThat(messages.latest(bob.id(), room.id(), 50).getFirst().body()).isEqualTo("keep me");
    }

    @Test
    void an_author_who_left_a_public_room_may_delete_but_not_edit_their_messages() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Left " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage first = messages.post(bob.id(), room.id(), "one");
        ChatMessage second = messages.post(bob.id(), room.id(), "two");
        members.leave(bob.id(), room.slug());

        assertThatThrownBy(() -> messages.edit(bob.id(), first.id(), "changed"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Join the room again to edit your messages in it");
        assertThat(messages.delete(bob.id(), second.id()).deleted()).isTrue();
    }

    @Test
    void a_non_member_of_a_private_room_is_told_the_message_does_not_exist() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary eve = Fixtures.user(accounts, "eve");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("r"), null, true);
        ChatMessage posted = messages.post(alice.id(), secret.id(), "the plan");
        MessageId missing = new MessageId(Long.MAX_VALUE);

        String missingEdit = messageOf(() -> messages.edit(eve.id(), missing, "x"));
        String missingDelete = messageOf(() -> messages.delete(eve.id(), missing));
        assertThatThrownBy(() -> messages.edit(eve.id(), posted.id(), "x"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(missingEdit);
        assertThatThrownBy(() -> messages.delete(eve.id(), posted.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(missingDelete);
        assertThatThrownBy(() -> messages.changedSince(eve.id(), secret.id(), 0, 50))
                .isInstanceOf(NotFoundException.class);
        assertThat(messages.latest(alice.id(), secret.id(), 50).getFirst().body())
                .isEqualTo("the plan");
    }

    @Test
    void versions_strictly_increase_and_changes_come_back_in_order() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Versions " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage one = messages.post(alice.id(), room.id(), "one");
        ChatMessage two = messages.post(bob.id(), room.id(), "two");
        ChatMessage three = messages.post(alice.id(), room.id(), "three");
        assertThat(List.of(one.version(), two.version(), three.version()))
                .isSorted()
                .doesNotHaveDuplicates();
        long seen = three.version();

        ChatMessage oneEdited = messages.edit(alice.id(), one.id(), "one, edited");
        ChatMessage twoDeleted = messages.delete(bob.id(), two.id());
        ChatMessage four = messages.post(bob.id(), room.id(), "four");
        ChatMessage oneAgain = messages.edit(alice.id(), one.id(), "one, edited twice");

        assertThat(List.of(seen, oneEdited.version(), twoDeleted.version(), four.version(), oneAgain.version()))
                .isSorted()
                .doesNotHaveDuplicates();
        List<ChatMessage> changes = messages.changedSince(bob.id(), room.id(), seen, 50);
        // The latest state of each changed message, in the order of its latest change.
        assertThat(changes).containsExactly(twoDeleted, four, oneAgain);
        assertThat(messages.changedSince(bob.id(), room.id(), seen, 2)).containsExactly(twoDeleted, four);
        assertThat(messages.changedSince(bob.id(), room.id(), four.version(), 50))
                .containsExactly(oneAgain);
        assertThat(messages.changedSince(bob.id(), room.id(), 0, 50))
                .extracting(ChatMessage::body)
                .containsExactly("three", "", "four", "one, edited twice");
        assertThat(messages.changedSince(bob.id(), room.id(), oneAgain.version(), 50))
                .isEmpty();
    }

    @Test
    void mentions_are_resolved_only_for_members_of_the_room() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary room = rooms.create(alice.id(), "Mentions " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        String text = "@" + bob.username().toUpperCase() + " and @" + outsider.username() + " and @nobody-here, see `@"
                + alice.username() + "`";

        ChatMessage posted = messages.post(alice.id(), room.id(), text);

        assertThat(posted.mentions()).containsExactly(bob.username());
        assertThat(messages.latest(alice.id(), room.id(), 50).getFirst().mentions())
                .containsExactly(bob.username());
        ChatMessage edited = messages.edit(alice.id(), posted.id(), "now @" + alice.username() + " only");
        assertThat(edited.mentions()).containsExactly(alice.username());
        assertThat(messages.delete(alice.id(), posted.id()).mentions()).isEmpty();
    }

    @Test
    void subscribers_receive_edits_and_deletes_after_commit() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Live edits " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "draft");
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        try (Subscription ignored = messages.subscribe(bob.id(), room.id(), received::add)) {
            ChatMessage edited = messages.edit(alice.id(), posted.id(), "final");
            ChatMessage tombstone = messages.delete(alice.id(), posted.id());
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new MessageEdited(edited));
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new MessageDeleted(tombstone));
            // A refused change publishes nothing.
            assertThatThrownBy(() -> messages.edit(bob.id(), posted.id(), "mine now"))
                    .isInstanceOf(ParleyException.class);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void concurrent_edits_and_a_delete_leave_the_message_deleted_with_the_highest_version() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Race " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "v0");

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        messages.edit(alice.id(), posted.id(), "edit " + thread + "." + i);
                    } catch (ConflictException deletedMeanwhile) {
                        assertThat(deletedMeanwhile).hasMessageContaining("deleted");
                        return;
                    }
                }
            }));
        }
        futures.add(pool.submit(() -> messages.delete(alice.id(), posted.id())));
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        ChatMessage last = messages.latest(alice.id(), room.id(), 50).getFirst();
        assertThat(last.deleted()).isTrue();
        assertThat(last.body()).isEmpty();
        List<ChatMessage> changes = messages.changedSince(alice.id(), room.id(), 0, 100);
        assertThat(changes).containsExactly(last);
        assertThat(jdbc.queryForObject(
                        "SELECT last_version FROM rooms WHERE id = ?",
                        Long.class,
                        room.id().value()))
                .isEqualTo(last.version());
    }

    // ---- Reactions ----

    @Test
    void a_member_reacts_and_reacting_again_changes_nothing() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "React " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "ship it?");
        assertThat(posted.reactions()).isEmpty();

        ChatMessage reacted = messages.react(bob.id(), posted.id(), "👍");

        assertThat(reacted.reactions()).hasSize(1);
        Reaction thumbs = reacted.reactions().getFirst();
        assertThat(thumbs.emoji()).isEqualTo("👍");
        assertThat(thumbs.count()).isEqualTo(1);
        assertThat(thumbs.users()).containsExactly(new Reactor(bob.id(), bob.username(), bob.displayName()));
        assertThat(reacted.reactedBy(bob.id(), "👍")).isTrue();
        assertThat(reacted.reactedBy(alice.id(), "👍")).isFalse();
        assertThat(reacted.version()).isGreaterThan(posted.version());
        assertThat(reacted.body()).isEqualTo("ship it?");
        assertThat(reacted.edited()).isFalse();
        assertThat(messages.latest(alice.id(), room.id(), 50)).containsExactly(reacted);

        ChatMessage again = messages.react(bob.id(), posted.id(), "👍");

        assertThat(again).isEqualTo(reacted);
        assertThat(messages.changedSince(alice.id(), room.id(), reacted.version(), 50))
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM reactions WHERE message_id = ?",
                        Long.class,
                        posted.id().value()))
                .isEqualTo(1);
    }

    @Test
    void reactions_are_counted_per_emoji_in_palette_order_with_their_users_in_the_order_they_reacted() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Counts " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "party tonight");

        messages.react(bob.id(), posted.id(), "🎉");
        messages.react(bob.id(), posted.id(), "👍");
        messages.react(alice.id(), posted.id(), "👍");
        ChatMessage last = messages.react(alice.id(), posted.id(), "❤️");

        assertThat(last.reactions()).extracting(Reaction::emoji).containsExactly("👍", "❤️", "🎉");
        assertThat(last.reactions()).extracting(Reaction::count).containsExactly(2, 1, 1);
        assertThat(last.reactions().getFirst().users())
                .extracting(Reactor::username)
                .containsExactly(bob.username(), alice.username());
        assertThat(last.reactions().get(1).users())
                .extracting(Reactor::displayName)
                .containsExactly("Alice Tester");
        assertThat(messages.latest(bob.id(), room.id(), 50).getFirst().reactions())
                .isEqualTo(last.reactions());
    }

    @Test
    void unreacting_removes_ones_own_reaction_only_and_again_changes_nothing() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Unreact " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "hmm");
        messages.react(alice.id(), posted.id(), "😮");
        ChatMessage both = messages.react(bob.id(), posted.id(), "😮");

        ChatMessage bobTookItBack = messages.unreact(bob.id(), posted.id(), "😮");

        assertThat(bobTookItBack.version()).isGreaterThan(both.version());
        assertThat(bobTookItBack.reactions()).hasSize(1);
        assertThat(bobTookItBack.reactions().getFirst().users())
                .extracting(Reactor::id)
                .containsExactly(alice.id());
        assertThat(messages.unreact(bob.id(), posted.id(), "😮")).isEqualTo(bobTookItBack);
        assertThat(messages.unreact(bob.id(), posted.id(), "😢")).isEqualTo(bobTookItBack);
        assertThat(messages.changedSince(bob.id(), room.id(), bobTookItBack.version(), 50))
                .isEmpty();

        ChatMessage none = messages.unreact(alice.id(), posted.id(), "😮");
        assertThat(none.reactions()).isEmpty();
        assertThat(messages.latest(alice.id(), room.id(), 50)).containsExactly(none);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM reactions WHERE message_id = ?",
                        Long.class,
                        posted.id().value()))
                .isZero();
    }

    @Test
    void only_emoji_from_the_palette_are_accepted() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Palette " + Fixtures.username("r"), null, false);
        ChatMessage posted = messages.post(alice.id(), room.id(), "pick one");

        for (String emoji : List.of("👎", "", "x", "👍👍", "❤", "<script>")) {
            assertThatThrownBy(() -> messages.react(alice.id(), posted.id(), emoji))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Pick a reaction from the palette");
            assertThatThrownBy(() -> messages.unreact(alice.id(), posted.id(), emoji))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Pick a reaction from the palette");
        }
        for (String emoji : Reactions.PALETTE) {
            messages.react(alice.id(), posted.id(), emoji);
        }
        assertThat(messages.latest(alice.id(), room.id(), 50).getFirst().reactions())
                .extracting(Reaction::emoji)
                .containsExactlyElementsOf(Reactions.PALETTE);
    }

    @Test
    void only_members_react_readers_of_a_public_room_and_those_who_left_do_not() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary reader = Fixtures.user(accounts, "reader");
        UserSummary leaver = Fixtures.user(accounts, "leaver");
        RoomSummary room = rooms.create(alice.id(), "Members " + Fixtures.username("r"), null, false);
        members.join(leaver.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "members only");
        messages.react(leaver.id(), posted.id(), "👍");
        members.leave(leaver.id(), room.slug());

        for (UserSummary outsider : List.of(reader, leaver)) {
            assertThatThrownBy(() -> messages.react(outsider.id(), posted.id(), "🎉"))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessage("Join the room to react");
            assertThatThrownBy(() -> messages.unreact(outsider.id(), posted.id(), "👍"))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessage("Join the room to react");
        }
        assertThat(messages.latest(reader.id(), room.id(), 50).getFirst().reactions())
                .extracting(Reaction::emoji)
                .containsExactly("👍");
    }

    @Test
    void a_non_member_of_a_private_room_cannot_tell_its_messages_from_missing_ones_when_reacting() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary eve = Fixtures.user(accounts, "eve");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("r"), null, true);
        ChatMessage posted = messages.post(alice.id(), secret.id(), "the plan");
        MessageId missing = new MessageId(Long.MAX_VALUE);

        String missingReact = messageOf(() -> messages.react(eve.id(), missing, "👍"));
        String missingUnreact = messageOf(() -> messages.unreact(eve.id(), missing, "👍"));
        assertThat(missingReact).isEqualTo("No such message").isEqualTo(missingUnreact);
        assertThatThrownBy(() -> messages.react(eve.id(), posted.id(), "👍"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(missingReact);
        assertThatThrownBy(() -> messages.unreact(eve.id(), posted.id(), "👍"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(missingUnreact);
        assertThat(messages.latest(alice.id(), secret.id(), 50).getFirst().reactions())
                .isEmpty();
    }

    @Test
    void a_deleted_message_takes_no_reactions_and_deleting_clears_them() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Deleted " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "soon gone");
        messages.react(bob.id(), posted.id(), "😢");
        messages.react(alice.id(), posted.id(), "👍");

        ChatMessage tombstone = messages.delete(alice.id(), posted.id());

        assertThat(tombstone.reactions()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM reactions WHERE message_id = ?",
                        Long.class,
                        posted.id().value()))
                .isZero();
        assertThatThrownBy(() -> messages.react(bob.id(), posted.id(), "😢"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("This message was deleted and can no longer be reacted to");
        assertThatThrownBy(() -> messages.unreact(bob.id(), posted.id(), "😢"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("This message was deleted and can no longer be reacted to");
        assertThat(messages.latest(bob.id(), room.id(), 50)).containsExactly(tombstone);
    }

    @Test
    void reactions_take_room_versions_and_changed_since_returns_the_message_with_them() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Catch-up " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage one = messages.post(alice.id(), room.id(), "one");
        ChatMessage two = messages.post(alice.id(), room.id(), "two");
        long seen = two.version();

        ChatMessage reacted = messages.react(bob.id(), one.id(), "😄");
        ChatMessage three = messages.post(alice.id(), room.id(), "three");
        ChatMessage unreacted = messages.unreact(bob.id(), one.id(), "😄");

        assertThat(List.of(seen, reacted.version(), three.version(), unreacted.version()))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(messages.changedSince(alice.id(), room.id(), seen, 50)).containsExactly(three, unreacted);
        assertThat(messages.changedSince(alice.id(), room.id(), seen, 1)).containsExactly(three);
        assertThat(jdbc.queryForObject(
                        "SELECT last_version FROM rooms WHERE id = ?",
                        Long.class,
                        room.id().value()))
                .isEqualTo(unreacted.version());
    }

    @Test
    void subscribers_receive_reactions_after_commit() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(alice.id(), "Live reactions " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        ChatMessage posted = messages.post(alice.id(), room.id(), "news");
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        try (Subscription ignored = messages.subscribe(alice.id(), room.id(), received::add)) {
            ChatMessage reacted = messages.react(bob.id(), posted.id(), "🎉");
            ChatMessage unreacted = messages.unreact(bob.id(), posted.id(), "🎉");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new MessageReacted(reacted));
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new MessageReacted(unreacted));
            // No change, no event; nor for a refused one.
            messages.unreact(bob.id(), posted.id(), "🎉");
            assertThatThrownBy(() -> messages.react(bob.id(), posted.id(), "👎"))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void a_page_of_history_loads_its_reactions_with_as_many_statements_as_a_short_page() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary carol = Fixtures.user(accounts, "carol");
        RoomSummary room = rooms.create(alice.id(), "Page " + Fixtures.username("r"), null, false);
        members.join(bob.id(), room.slug());
        members.join(carol.id(), room.slug());
        List<ChatMessage> posted = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            posted.add(messages.post(alice.id(), room.id(), "message " + i));
        }
        for (int i = 0; i < 50; i += 7) {
            messages.react(bob.id(), posted.get(i).id(), "👍");
            messages.react(carol.id(), posted.get(i).id(), "👍");
            messages.react(carol.id(), posted.get(i).id(), "😮");
        }
        messages.react(bob.id(), posted.get(49).id(), "❤️");

        Statistics statistics =
                entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        boolean wasEnabled = statistics.isStatisticsEnabled();
        statistics.setStatisticsEnabled(true);
        List<ChatMessage> page;
        long shortPage;
        long fullPage;
        try {
            // The statistics count every thread's statements, and background jobs (the mute sweep, read positions)
            // run on a timer: the fewest of three runs is the page's own count.
            shortPage = Long.MAX_VALUE;
            fullPage = Long.MAX_VALUE;
            page = List.of();
            for (int run = 0; run < 3; run++) {
                statistics.clear();
                messages.latest(alice.id(), room.id(), 3);
                shortPage = Math.min(shortPage, statistics.getPrepareStatementCount());
                statistics.clear();
                page = messages.latest(alice.id(), room.id(), 50);
                fullPage = Math.min(fullPage, statistics.getPrepareStatementCount());
            }
        } finally {
            statistics.setStatisticsEnabled(wasEnabled);
        }

        assertThat(fullPage).isEqualTo(shortPage);
        assertThat(page).hasSize(50);
        for (int i = 0; i < 50; i++) {
            ChatMessage message = page.get(i);
            if (i == 49) {
                // 49 is also a multiple of 7; the heart goes between the others, in palette order.
                assertThat(message.reactions()).extracting(Reaction::emoji).containsExactly("👍", "❤️", "😮");
                assertThat(message.reactions().get(1).users())
                        .extracting(Reactor::username)
                        .containsExactly(bob.username());
            } else if (i % 7 == 0) {
                assertThat(message.reactions()).extracting(Reaction::emoji).containsExactly("👍", "😮");
                assertThat(message.reactions().getFirst().users())
                        .extracting(Reactor::username)
                        .containsExactly(bob.username(), carol.username());
                assertThat(message.reactions().get(1).count()).isEqualTo(1);
            } else {
                assertThat(message.reactions()).isEmpty();
            }
        }
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (NotFoundException e) {
            return e.getMessage();
        }
        throw new AssertionError("Expected NotFoundException");
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
