package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.messages.MessageService;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.reading.ReadPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Direct conversations: private rooms of a fixed group, found again by who is in them; on SQLite and H2. */
abstract class DirectConversationContract {

    @Autowired
    RoomService rooms;

    @Autowired
    ReadPositions reading;

    @Autowired
    DirectConversations directs;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    AccountService accounts;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    InviteService invites;

    @Test
    void starting_a_conversation_twice_opens_the_same_one_named_for_each_participant() {
        UserSummary ada = Fixtures.user(accounts, "ada");
        UserSummary grace = Fixtures.user(accounts, "grace");

        RoomSummary started = directs.start(ada.id(), List.of(grace.username()));

        assertThat(started.direct()).isTrue();
        assertThat(started.isPrivate()).isTrue();
        assertThat(started.name()).isEqualTo(grace.displayName());
        assertThat(started.memberCount()).isEqualTo(2);
        assertThat(directs.start(grace.id(), List.of(ada.username())).id()).isEqualTo(started.id());
        assertThat(directs.start(ada.id(), List.of(grace.username(), ada.username()))
                        .id())
                .isEqualTo(started.id());
        assertThat(rooms.open(grace.id(), started.slug()).name()).isEqualTo(ada.displayName());
        assertThat(rooms.memberRooms(grace.id()))
                .filteredOn(RoomSummary::direct)
                .extracting(RoomSummary::name)
                .containsExactly(ada.displayName());
    }

    @Test
    void a_group_is_its_own_conversation_of_up_to_eight_people() {
        UserSummary ada = Fixtures.user(accounts, "ada");
        List<UserSummary> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(Fixtures.user(accounts, "member"));
        }
        List<String> seven =
                others.subList(0, 7).stream().map(UserSummary::username).toList();

        RoomSummary group = directs.start(ada.id(), seven);

        assertThat(group.memberCount()).isEqualTo(8);
        assertThat(directs.start(ada.id(), List.of(others.getFirst().username()))
                        .id())
                .isNotEqualTo(group.id());
        List<String> eight = others.stream().map(UserSummary::username).toList();
        assertThatThrownBy(() -> directs.start(ada.id(), eight))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A direct conversation has at most 8 people, you included");
    }

    @Test
    void nobody_else_or_an_unknown_name_is_refused() {
        UserSummary ada = Fixtures.user(accounts, "ada");

        assertThatThrownBy(() -> directs.start(ada.id(), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Choose at least one person other than yourself");
        assertThatThrownBy(() -> directs.start(ada.id(), List.of(ada.username())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> directs.start(ada.id(), List.of("nobody-" + Fixtures.username("x"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("No user named ");
    }

    @Test
    void oversized_lists_duplicates_and_empty_names_are_refused_before_anyone_is_looked_up() {
        UserSummary ada = Fixtures.user(accounts, "ada");
        // Names of nobody: were they looked up first, the answer would be "No user named …".
        List<String> nine = new ArrayList<>();
        for (int i = 0; i < DirectConversations.MAX_PARTICIPANTS + 1; i++) {
            nine.add("nobody-" + Fixtures.username("x"));
        }
        String nobody = "nobody-" + Fixtures.username("x");
        List<String> thirtyThousand = java.util.Collections.nCopies(30_000, nobody);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> directs.start(ada.id(), nine))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A direct conversation has at most 8 people, you included");
        assertThatThrownBy(() -> directs.start(ada.id(), thirtyThousand))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A direct conversation has at most 8 people, you included");
        assertThatThrownBy(() -> directs.start(ada.id(), List.of(nobody, nobody.toUpperCase())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(nobody.toUpperCase() + " is named twice: name each person once");
        assertThatThrownBy(() -> directs.start(ada.id(), withNull))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("usernames must not contain null or empty names");
        assertThatThrownBy(() -> directs.start(ada.id(), List.of(" ")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("usernames must not contain null or empty names");
        assertThat(rooms.memberRooms(ada.id())).noneMatch(RoomSummary::direct);
    }

    @Test
    void outsiders_see_nothing_of_it_and_nobody_can_join_it() {
        UserSummary ada = Fixtures.user(accounts, "ada");
        UserSummary grace = Fixtures.user(accounts, "grace");
        UserSummary eve = Fixtures.user(accounts, "eve");
        RoomSummary conversation = directs.start(ada.id(), List.of(grace.username()));
        messages.post(ada.id(), conversation.id(), "just between us");

        assertThat(rooms.visibleRooms(ada.id())).extracting(RoomSummary::id).doesNotContain(conversation.id());
        assertThat(rooms.visibleRooms(eve.id())).extracting(RoomSummary::id).doesNotContain(conversation.id());
        assertThatThrownBy(() -> rooms.open(eve.id(), conversation.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.join(eve.id(), conversation.slug())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> messages.latest(eve.id(), conversation.id(), 10))
                .isInstanceOf(NotFoundException.class);
        assertThat(reading.readPositions(grace.id()).get(conversation.id()).unread())
                .isEqualTo(1);
    }

    @Test
    void nobody_can_be_invited_removed_or_promoted_in_a_direct_conversation() {
        UserSummary ada = Fixtures.user(accounts, "ada");
        UserSummary grace = Fixtures.user(accounts, "grace");
        UserSummary eve = Fixtures.user(accounts, "eve");
        RoomSummary conversation = directs.start(ada.id(), List.of(grace.username()));

        // Everyone in it is a plain member: a direct conversation has no admin to invite, remove or promote.
        assertThatThrownBy(() -> invites.invite(ada.id(), conversation.slug(), eve.username()))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> invites.createLink(ada.id(), conversation.slug(), InviteExpiry.DAY, null))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> members.removeMember(ada.id(), conversation.slug(), grace.username()))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> members.changeRole(ada.id(), conversation.slug(), ada.username(), RoomRole.ADMIN))
                .isInstanceOf(NotAllowedException.class);
        assertThat(rooms.open(grace.id(), conversation.slug()).memberCount()).isEqualTo(2);
    }

    @Test
    void every_participant_is_told_so_their_navigation_lists_it_and_leaving_then_starting_again_rejoins()
            throws InterruptedException {
        UserSummary ada = Fixtures.user(accounts, "ada");
        UserSummary grace = Fixtures.user(accounts, "grace");
        BlockingQueue<Object> toGrace = new LinkedBlockingQueue<>();
        RoomSummary conversation;
        try (Subscription ignored = broadcaster.subscribe(grace.id().topic(), toGrace::add)) {
            conversation = directs.start(ada.id(), List.of(grace.username()));

            Object event = toGrace.poll(5, TimeUnit.SECONDS);
            assertThat(event).isInstanceOf(MembershipChanged.class);
            MembershipChanged joined = (MembershipChanged) event;
            assertThat(joined.joined()).isTrue();
            assertThat(joined.user().id()).isEqualTo(grace.id());
            assertThat(joined.room().name()).isEqualTo(ada.displayName());
        }

        members.leave(grace.id(), conversation.slug());
        assertThatThrownBy(() -> rooms.open(grace.id(), conversation.slug())).isInstanceOf(NotFoundException.class);
        assertThat(rooms.open(ada.id(), conversation.slug()).name()).isEqualTo("Only you");

        assertThat(directs.start(grace.id(), List.of(ada.username())).id()).isEqualTo(conversation.id());
        assertThat(rooms.open(grace.id(), conversation.slug()).member()).isTrue();
    }
}
