package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.presence.PresenceService;
import dev.parley.realtime.LocalBroadcaster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rooms' shared rosters, against the real database: what views of a room show in the members sidebar. */
@SqliteTest
class RoomRostersSqliteTest {

    @Autowired
    RoomRosters rosters;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    @Autowired
    PresenceService presence;

    @Autowired
    LocalBroadcaster broadcaster;

    @Test
    void views_of_a_room_share_one_roster_which_ends_with_the_last_of_them() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(admin.id(), "Shared " + Fixtures.username("s"), null, false);
        members.join(bob.id(), room.slug());
        int topicSubscribers = broadcaster.subscriberCount(room.id().topic());

        RoomRosters.Handle first = rosters.open(admin.id(), room.id(), () -> {});
        RoomRosters.Handle second = rosters.open(bob.id(), room.id(), () -> {});

        assertThat(second.roster()).isSameAs(first.roster());
        assertThat(first.roster().snapshot()).isSameAs(second.roster().snapshot());
        assertThat(first.roster().snapshot().first())
                .extracting(m -> m.user().id(), RoomRoster.Member::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(admin.id(), RoomRole.ADMIN),
                        org.assertj.core.groups.Tuple.tuple(bob.id(), RoomRole.MEMBER));
        // One subscription to the room for the roster, however many views.
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(topicSubscribers + 1);

        first.close();
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(topicSubscribers + 1);
        second.close();
        assertThat(broadcaster.subscriberCount(room.id().topic())).isEqualTo(topicSubscribers);
        RoomRosters.Handle again = rosters.open(bob.id(), room.id(), () -> {});
        assertThat(again.roster()).isNotSameAs(first.roster());
        again.close();
    }

    @Test
    void a_private_room_has_no_roster_for_a_non_member() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary room = rooms.create(admin.id(), "Secret " + Fixtures.username("s"), null, true);
        int open = rosters.openCount();

        assertThatThrownBy(() -> rosters.open(outsider.id(), room.id(), () -> {}))
                .isInstanceOf(NotFoundException.class);
        assertThat(rosters.openCount()).isEqualTo(open);
    }

    @Test
    void joins_roles_names_and_presence_reach_the_roster_and_its_views_are_told() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(admin.id(), "Live " + Fixtures.username("l"), null, false);
        AtomicInteger told = new AtomicInteger();
        RoomRosters.Handle handle = rosters.open(admin.id(), room.id(), told::incrementAndGet);
        RoomRoster roster = handle.roster();
        try {
            members.join(bob.id(), room.slug());
            await().atMost(Duration.ofSeconds(5)).until(() -> roster.snapshot().size() == 2);
            int afterJoin = told.get();
            assertThat(afterJoin).isPositive();

            members.changeRole(admin.id(), room.slug(), bob.username(), RoomRole.MODERATOR);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> member(roster, bob).role() == RoomRole.MODERATOR);

            accounts.changeDisplayName(bob.id(), "Robert Roster");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> member(roster, bob).user().displayName().equals("Robert Roster"));

            int beforeOnline = told.get();
            PresenceService.Connection tab = presence.connect(bob.id(), () -> {});
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> member(roster, bob).online());
            // Views hear of presence in batches, within the interval.
            await().atMost(Duration.ofSeconds(5)).until(() -> told.get() > beforeOnline);
            assertThat(roster.snapshot().online()).isEqualTo(1);
            tab.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !member(roster, bob).online());
            assertThat(member(roster, bob).lastSeen()).isNotNull();

            members.leave(bob.id(), room.slug());
            await().atMost(Duration.ofSeconds(5)).until(() -> roster.snapshot().size() == 1);
        } finally {
            handle.close();
        }
    }

    private static RoomRoster.Member member(RoomRoster roster, UserSummary user) {
        return roster.snapshot().all().stream()
                .filter(m -> m.user().id().equals(user.id()))
                .findFirst()
                .orElseThrow();
    }
}
