package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomTestData;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.reading.ReadPosition;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who a message mentions, the mention counts and the notifications list; run on SQLite and on H2 by the subclasses. */
abstract class MentionContract {

    @Autowired
    MessageService messages;

    @Autowired
    ReadPositionRecorder recorder;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    ReadPositions reading;

    @Autowired
    AccountService accounts;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    MembershipRepository memberships;

    @Test
    void a_mention_of_a_member_counts_apart_from_unread_until_the_room_is_read() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());

        messages.post(alice.id(), room.id(), "morning all");
        ChatMessage mention = messages.post(alice.id(), room.id(), "@" + bob.username() + " can you look?");
        messages.post(alice.id(), room.id(), "thanks");

        ReadPosition bobs = reading.readPositions(bob.id()).get(room.id());
        assertThat(bobs.unread()).isEqualTo(3);
        assertThat(bobs.unreadMentions()).isEqualTo(1);
        assertThat(bobs.mentions()).containsExactly(mention.seq());
        assertThat(reading.readPositions(alice.id()).get(room.id()).unreadMentions())
                .isZero();

        recorder.record(bob.id(), room.id(), mention.seq());
        recorder.flush(bob.id(), room.id());
        assertThat(reading.readPositions(bob.id()).get(room.id()).unreadMentions())
                .isZero();
        assertThat(reading.readPositions(bob.id()).get(room.id()).unread()).isEqualTo(1);
    }

    @Test
    void only_members_other_than_the_author_are_mentioned_and_each_once_per_message() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());

        messages.post(
                alice.id(),
                room.id(),
                "@%s @%s and @%s again @%s, `@%s` in code"
                        .formatted(
                                bob.username(), outsider.username(), alice.username(), bob.username(), bob.username()));

        assertThat(reading.readPositions(bob.id()).get(room.id()).unreadMentions())
                .isEqualTo(1);
        assertThat(messages.mentions(alice.id(), 20)).isEmpty();
        assertThat(messages.mentions(outsider.id(), 20)).isEmpty();
        assertThat(reading.readPositions(outsider.id())).doesNotContainKey(room.id());
    }

    @Test
    void the_mentioned_user_is_told_on_their_own_topic_after_commit() throws InterruptedException {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), received::add)) {
            ChatMessage posted = messages.post(alice.id(), room.id(), "ping @" + bob.username());

            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new MessageMentioned(bob.id(), posted));
            messages.post(alice.id(), room.id(), "no names here");
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void an_edit_that_adds_a_name_mentions_it_and_one_that_keeps_it_does_not_again() throws InterruptedException {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = publicRoom(alice);
        members.join(bob.id(), room.slug());
        ChatMessage typo = messages.post(alice.id(), room.id(), "@bbo please review");
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = broadcaster.subscribe(bob.id().topic(), received::add)) {
            ChatMessage fixed = messages.edit(alice.id(), typo.id(), "@" + bob.username() + " please review");
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new MessageMentioned(bob.id(), fixed));

            messages.edit(alice.id(), typo.id(), "@" + bob.username() + " please review today");
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
        assertThat(messages.mentions(bob.id(), 20)).singleElement().satisfies(m -> assertThat(m.body())
                .isEqualTo("@" + bob.username() + " please review today"));
    }

    @Test
    void the_notifications_list_is_newest_first_with_room_author_text_and_unread_state() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary first = publicRoom(alice);
        RoomSummary second = publicRoom(alice);
        members.join(bob.id(), first.slug());
        members.join(bob.id(), second.slug());
        ChatMessage older = messages.post(alice.id(), first.id(), "**@" + bob.username() + "** first");
        ChatMessage newer = messages.post(alice.id(), second.id(), "@" + bob.username() + " second");
        ChatMessage gone = messages.post(alice.id(), second.id(), "@" + bob.username() + " oops");
        messages.delete(alice.id(), gone.id());
        recorder.record(bob.id(), first.id(), older.seq());
        recorder.flush(bob.id(), first.id());

        List<MentionNotification> list = messages.mentions(bob.id(), 20);

        assertThat(list).extracting(MentionNotification::message).containsExactly(gone.id(), newer.id(), older.id());
        MentionNotification deleted = list.get(0);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.body()).isEmpty();
        assertThat(deleted.unread()).isTrue();
        MentionNotification inSecond = list.get(1);
        assertThat(inSecond.roomSlug()).isEqualTo(second.slug());
        assertThat(inSecond.roomName()).isEqualTo(second.name());
        assertThat(inSecond.author().displayName()).isEqualTo(alice.displayName());
        assertThat(inSecond.unread()).isTrue();
        MentionNotification read = list.get(2);
        assertThat(read.unread()).isFalse();
        assertThat(read.snippet(140)).isEqualTo("@" + bob.username() + " first");
        assertThat(messages.mentions(bob.id(), 2)).hasSize(2);
    }

    @Test
    void leaving_a_private_room_takes_its_mentions_out_of_the_list_and_the_counts() {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("s"), null, true);
        RoomTestData.addMember(memberships, secret.id(), bob.id());
        messages.post(alice.id(), secret.id(), "@" + bob.username() + " the plan");
        assertThat(messages.mentions(bob.id(), 20)).hasSize(1);

        members.leave(bob.id(), secret.slug());

        assertThat(messages.mentions(bob.id(), 20)).isEmpty();
        assertThat(reading.readPositions(bob.id())).doesNotContainKey(secret.id());
    }

    private RoomSummary publicRoom(UserSummary owner) {
        return rooms.create(owner.id(), "Mentions " + Fixtures.username("m"), null, false);
    }
}
