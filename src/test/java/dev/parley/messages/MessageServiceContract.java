package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.TooLargeException;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Posting, history and live delivery; run on SQLite and on H2 by the subclasses. */
abstract class MessageServiceContract {

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

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
        rooms.join(bob.id(), room.slug());

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
        rooms.join(bob.id(), room.slug());
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
        // The creator leaves: from now on the room is as good as missing for them.
        rooms.leave(alice.id(), secret.slug());

        assertThatThrownBy(() -> messages.subscribe(alice.id(), secret.id(), event -> {}))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.subscribe(other.id(), secret.id(), event -> {}))
                .isInstanceOf(NotFoundException.class);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
