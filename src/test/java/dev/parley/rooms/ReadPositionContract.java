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
import dev.parley.rooms.reading.ReadPosition;
import dev.parley.rooms.reading.ReadPositionChanged;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import java.util.HashMap;
import java.util.Map;
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
    Memberships members;

    @Autowired
    ReadPositions reading;

    @Autowired
    MessageService messages;

    @Autowired
    AccountService accounts;

    @Autowired
    ReadPositionRecorder recorder;

    @Autowired
    Broadcaster broadcaster;

    /** Unread messages in each of the user's rooms, as the badges start from them. */
    private Map<RoomId, Long> unreadCounts(UserSummary user) {
        Map<RoomId, Long> counts = new HashMap<>();
        reading.readPositions(user.id()).forEach((room, position) -> counts.put(room, position.unread()));
        return counts;
    }

    private RoomSummary publicRoom(UserSummary owner) {
        return rooms.create(owner.id(), "Unread " + Fixtures.username("u"), null, false);
    }

    @Test
    void messages_from_others_are_unread_and_own_messages_are_not() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());

        messages.post(alice.id(), room.id(), "one");
        messages.post(alice.id(), room.id(), "two");
        messages.post(alice.id(), room.id(), "three");

        assertThat(unreadCounts(bob)).containsEntry(room.id(), 3L);
        assertThat(unreadCounts(alice)).containsEntry(room.id(), 0L);
        assertThat(reading.readPositions(bob.id()).get(room.id())).isEqualTo(new ReadPosition(3, 0));
    }

    @Test
    void posting_reads_everything_before_ones_own_message() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "one");
        messages.post(alice.id(), room.id(), "two");

        ChatMessage reply = messages.post(bob.id(), room.id(), "reply");

        assertThat(reading.readPosition(bob.id(), room.id())).isEqualTo(reply.seq());
        assertThat(unreadCounts(bob)).containsEntry(room.id(), 0L);
        assertThat(unreadCounts(alice)).containsEntry(room.id(), 1L);
    }

    @Test
    void deleted_messages_still_count_until_read() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        ChatMessage oops = messages.post(alice.id(), room.id(), "oops");
        messages.delete(alice.id(), oops.id());

        assertThat(unreadCounts(bob)).containsEntry(room.id(), 1L);
    }

    @Test
    void unread_counts_cover_member_rooms_only() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), "not for bob's badges");

        assertThat(unreadCounts(bob)).doesNotContainKey(room.id());
        assertThat(unreadCounts(bob))
                .containsKey(rooms.open(bob.id(), RoomService.GENERAL).id());
    }

    @Test
    void joining_starts_at_the_rooms_newest_message() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        messages.post(alice.id(), room.id(), "before bob");
        messages.post(alice.id(), room.id(), "also before bob");

        members.join(bob.id(), room.slug());
        assertThat(reading.readPosition(bob.id(), room.id())).isEqualTo(2);
        assertThat(unreadCounts(bob)).containsEntry(room.id(), 0L);

        messages.post(alice.id(), room.id(), "after bob");
        assertThat(unreadCounts(bob)).containsEntry(room.id(), 1L);
    }

    @Test
    void positions_only_go_up_and_the_users_other_tabs_are_told() throws InterruptedException {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        for (int i = 1; i <= 5; i++) {
            messages.post(alice.id(), room.id(), "message " + i);
        }
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), received::add)) {
            recorder.record(bob.id(), room.id(), 4);
            recorder.flush(bob.id(), room.id());
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ReadPositionChanged(bob.id(), room.id(), 4));

            recorder.record(bob.id(), room.id(), 2);
            recorder.flush(bob.id(), room.id());
            assertThat(reading.readPosition(bob.id(), room.id())).isEqualTo(4);
            assertThat(unreadCounts(bob)).containsEntry(room.id(), 1L);

            recorder.record(bob.id(), room.id(), 5);
            recorder.flush(bob.id(), room.id());
            assertThat(reading.readPosition(bob.id(), room.id())).isEqualTo(5);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ReadPositionChanged(bob.id(), room.id(), 5));
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void non_members_have_no_read_position_and_learn_nothing_about_private_rooms() throws InterruptedException {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary open = publicRoom(alice);
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("s"), null, true);
        messages.post(alice.id(), secret.id(), "secret");

        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(outsider.id().topic(), received::add)) {
            for (RoomId room : java.util.List.of(secret.id(), open.id(), new RoomId(Long.MAX_VALUE))) {
                recorder.record(outsider.id(), room, 1);
                recorder.flush(outsider.id(), room);
            }
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
        assertThat(unreadCounts(outsider)).doesNotContainKeys(secret.id(), open.id());
        assertThatThrownBy(() -> reading.readPosition(outsider.id(), secret.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such room");
        assertThatThrownBy(() -> reading.readPosition(outsider.id(), open.id())).isInstanceOf(NotFoundException.class);
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
            members.join(bob.id(), room.slug());
            members.join(carol.id(), room.slug());
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

        assertThat(unreadCounts(bob)).containsEntry(first.id(), 1L).containsEntry(second.id(), 0L);
        assertThat(unreadCounts(carol)).containsEntry(first.id(), 0L).containsEntry(second.id(), 4L);
        assertThat(unreadCounts(outsider)).doesNotContainKey(first.id());
    }

    @Test
    void closing_a_view_writes_its_position_at_once() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "seen");

        recorder.record(bob.id(), room.id(), 1);
        recorder.flush(bob.id(), room.id());

        assertThat(reading.readPosition(bob.id(), room.id())).isEqualTo(1);
    }
}
