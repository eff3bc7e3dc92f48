package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.NotAllowedException;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The search index on the Administration page, as the service offers it: only instance admins see its state and rebuild
 * it, and a rebuild ends with every earlier message searchable again.
 */
@SqliteTest
class IndexAdministrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Autowired
    IndexAdministration indexAdministration;

    @Autowired
    SearchService search;

    @Autowired
    SearchIndex index;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    /** Parley's clock, by which builds are dated. */
    @Autowired
    Clock clock;

    @BeforeEach
    void indexIsReady() {
        // Another test of this context may have left a rebuild running.
        await().atMost(WITHIN).until(index::ready);
    }

    @Test
    void someone_who_is_not_an_admin_can_neither_see_nor_rebuild_the_index() {
        UserSummary member = Fixtures.user(accounts, "member");

        assertThatThrownBy(() -> indexAdministration.rebuild(member.id())).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> indexAdministration.status(member.id())).isInstanceOf(NotAllowedException.class);
        assertThat(index.ready()).isTrue();
    }

    @Test
    void an_admin_rebuilds_the_index_and_earlier_messages_are_found_again() {
        UserSummary admin = Fixtures.user(accounts, "keeper");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        RoomSummary room = rooms.create(admin.id(), "Archive " + UUID.randomUUID(), null, false);
        messages.post(admin.id(), room.id(), "qzbrmtk the minutes of the last meeting");
        assertThat(search.search(admin.id(), SearchQuery.parse("qzbrmtk")).total())
                .isEqualTo(1);
        IndexStatus before = indexAdministration.status(admin.id());
        assertThat(before.state()).isEqualTo(IndexStatus.State.READY);
        assertThat(before.location()).isEqualTo("embedded");
        Instant asked = clock.instant();

        indexAdministration.rebuild(admin.id());

        // Being built from the moment it is asked for (unless already done: the test database is small).
        IndexStatus after = indexAdministration.status(admin.id());
        assertThat(after.state() == IndexStatus.State.BUILDING || builtSince(after, asked))
                .as("status right after the request: %s", after)
                .isTrue();
        await().atMost(WITHIN).until(() -> builtSince(indexAdministration.status(admin.id()), asked));
        IndexStatus done = indexAdministration.status(admin.id());
        assertThat(done.failure()).isNull();
        assertThat(done.node()).isNotBlank();
        assertThat(done.total()).isPositive();
        assertThat(done.indexed()).isEqualTo(done.total());
        assertThat(done.percent()).isEqualTo(100);
        assertThat(search.search(admin.id(), SearchQuery.parse("qzbrmtk")).total())
                .isEqualTo(1);
    }

    private static boolean builtSince(IndexStatus status, Instant asked) {
        Instant started = status.startedAt();
        return status.state() == IndexStatus.State.READY
                && started != null
                && status.finishedAt() != null
                && !started.isBefore(asked);
    }
}
