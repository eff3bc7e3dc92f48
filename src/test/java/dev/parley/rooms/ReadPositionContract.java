package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Read positions and unread counts; run on SQLite and on H2 by the subclasses. */
abstract class ReadPositionContract {

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    @Autowired
    AccountService accounts;

    @Autowired
    ReadPositionRecorder recorder;

    @Autowired
    Broadcaster broadcaster;

    private RoomSummary publicRoom(UserSummary owner) {
        return rooms.create(owner.id(), "Unread " + Fixtures.username("u"), null, false);
    }

    @Test
    void messages_from_others_are_unread_and_own_messages_are_not() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        rooms.join(bob.id(), room.slug());

        messages.post(alice.id(), room.id(), "one");
        messages.post(alice.id(), room.id(), "two");
        messages.post(alice.id(), room.id(), "three");

        assertThat(rooms.unreadCounts(bob.id())).containsEntry(room.id(), 3L);
        assertThat(rooms.unreadCounts(alice.id())).containsEntry(room.id(), 0L);
        assertThat(rooms.readPositions(bob.id()).get(room.id())).isEqualTo(new ReadPosition(3, 0));
    }

    @Test
    void posting_reads_everything_before_ones_own_message() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        rooms.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "one");
        messages.post(alice.id(), room.id(), "two");

        ChatMessage reply = messages.post(bob.id(), room.id(), "reply");

        assertThat(rooms.readPosition(bob.id(), room.id())).isEqualTo(reply.seq());
        assertThat(rooms.unreadCounts(bob.id())).containsEntry(room.id(), 0L);
        assertThat(rooms.unreadCounts(alice.id())).containsEntry(room.id(), 1L);
    }

    @Test
    void deleted_messages_still_count_until_read() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        rooms.join(bob.id(), room.slug());
        ChatMessage oops = messages.post(alice.id(), room.id(), "oops");
        messages.delete(alice.id(), oops.id());

        assertThat(rooms.unreadCounts(bob.id())).containsEntry(room.id(), 1L);
    }

    @Test
    void unread_counts_cover_member_rooms_only() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), "not for bob's badges");

        assertThat(rooms.unreadCounts(bob.id())).doesNotContainKey(room.id());
        assertThat(rooms.unreadCounts(bob.id()))
                .containsKey(rooms.open(bob.id(), RoomService.GENERAL).id());
    }

    @Test
    void joining_starts_at_the_rooms_newest_message() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), "before bob");
        messages.post(alice.id(), room.id(), "also before bob");

        rooms.join(bob.id(), room.slug());
        assertThat(rooms.readPosition(bob.id(), room.id())).isEqualTo(2);
        assertThat(rooms.unreadCounts(bob.id())).containsEntry(room.id(), 0L);

        messages.post(alice.id(), room.id(), "after bob");
        assertThat(rooms.unreadCounts(bob.id())).containsEntry(room.id(), 1L);
    }

    @Test
    void mark_read_only_raises_the_position_and_tells_the_users_other_tabs() throws InterruptedException {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        rooms.join(bob.id(), room.slug());
        for (int i = 1; i <= 5; i++) {
            messages.post(alice.id(), room.id(), "message " + i);
        }
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), received::add)) {
            rooms.markRead(bob.id(), room.id(), 4);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ReadPositionChanged(bob.id(), room.id(), 4));

            rooms.markRead(bob.id(), room.id(), 2);
            assertThat(rooms.readPosition(bob.id(), room.id())).isEqualTo(4);
            assertThat(rooms.unreadCounts(bob.id())).containsEntry(room.id(), 1L);

            // Past the newest message: read up to the newest, never beyond it.
            rooms.markRead(bob.id(), room.id(), 99);
            assertThat(rooms.readPosition(bob.id(), room.id())).isEqualTo(5);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ReadPositionChanged(bob.id(), room.id(), 5));
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void non_members_cannot_mark_a_room_read_and_learn_nothing_about_private_rooms() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary open = publicRoom(alice);
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("s"), null, true);

        assertThatThrownBy(() -> rooms.markRead(outsider.id(), secret.id(), 1))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such room");
        assertThatThrownBy(() -> rooms.markRead(outsider.id(), new RoomId(Long.MAX_VALUE), 1))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such room");
        assertThatThrownBy(() -> rooms.markRead(outsider.id(), open.id(), 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rooms.readPosition(outsider.id(), secret.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_recorder_writes_every_pending_position_in_one_flush() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary carol = Fixtures.user(accounts, "carol");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary first = publicRoom(alice);
        RoomSummary second = publicRoom(alice);
        for (RoomSummary room : java.util.List.of(first, second)) {
            rooms.join(bob.id(), room.slug());
            rooms.join(carol.id(), room.slug());
            for (int i = 1; i <= 4; i++) {
                messages.post(alice.id(), room.id(), "message " + i);
            }
        }

        recorder.record(bob.id(), first.id(), 2);
        recorder.record(bob.id(), first.id(), 3);
        recorder.record(bob.id(), first.id(), 1); // an older tab reporting late changes nothing
        recorder.record(bob.id(), second.id(), 4);
        recorder.record(carol.id(), first.id(), 4);
        recorder.record(outsider.id(), first.id(), 4); // not a member: ignored
        recorder.flush();

        assertThat(rooms.unreadCounts(bob.id())).containsEntry(first.id(), 1L).containsEntry(second.id(), 0L);
        assertThat(rooms.unreadCounts(carol.id())).containsEntry(first.id(), 0L).containsEntry(second.id(), 4L);
        assertThat(rooms.unreadCounts(outsider.id())).doesNotContainKey(first.id());
    }

    @Test
    void closing_a_view_writes_its_position_at_once() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        rooms.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "seen");

        recorder.record(bob.id(), room.id(), 1);
        recorder.flush(bob.id(), room.id());

        assertThat(rooms.readPosition(bob.id(), room.id())).isEqualTo(1);
    }
}
