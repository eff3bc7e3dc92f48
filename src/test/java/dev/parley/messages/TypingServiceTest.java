package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.MutableClock;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Typing on the real access checks, with a clock the test moves and a broadcaster of its own: what goes out on the
 * room's topic, and when.
 */
@SqliteTest
class TypingServiceTest {

    @Autowired
    RoomService rooms;

    @Autowired
    RoomGuard guard;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    private final MutableClock clock = new MutableClock();
    private final LocalBroadcaster broadcaster = new LocalBroadcaster();
    private final BlockingQueue<Object> published = new LinkedBlockingQueue<>();
    private TypingService typing;
    private UserSummary alice;
    private RoomSummary room;

    @BeforeEach
    void setUp() {
        typing = new TypingService(guard, accounts, broadcaster, clock);
        alice = Fixtures.user(accounts, "alice");
        room = rooms.create(alice.id(), "Typing " + Fixtures.username("t"), null, false);
        broadcaster.subscribe(room.id().topic(), published::add);
    }

    @AfterEach
    void stop() {
        broadcaster.destroy();
    }

    @Test
    void starting_to_type_is_published_and_repeated_at_most_once_a_second() throws Exception {
        typing.typing(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, true));

        clock.advance(Duration.ofMillis(400));
        typing.typing(alice.id(), room.id());
        clock.advance(Duration.ofMillis(599));
        typing.typing(alice.id(), room.id());
        assertThat(nothingMore()).isNull();

        clock.advance(Duration.ofMillis(1));
        typing.typing(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, true));
        assertThat(nothingMore()).isNull();
    }

    @Test
    void typing_ends_two_seconds_after_the_last_keystroke() throws Exception {
        typing.typing(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, true));
        clock.advance(Duration.ofMillis(1500));
        typing.typing(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, true));

        clock.advance(Duration.ofMillis(1999));
        typing.expireIdle();
        assertThat(nothingMore()).isNull();

        clock.advance(Duration.ofMillis(1));
        typing.expireIdle();
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, false));
        typing.expireIdle();
        assertThat(nothingMore()).isNull();

        // Typing again later is news again.
        typing.typing(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, true));
    }

    @Test
    void stopping_is_published_at_once_and_only_after_typing() throws Exception {
        typing.stopped(alice.id(), room.id());
        assertThat(nothingMore()).isNull();

        typing.typing(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, true));
        typing.stopped(alice.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), alice, false));

        typing.stopped(alice.id(), room.id());
        clock.advance(Duration.ofSeconds(5));
        typing.expireIdle();
        assertThat(nothingMore()).isNull();
    }

    @Test
    void only_those_who_may_post_can_be_typing() throws Exception {
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("s"), null, true);
        broadcaster.subscribe(secret.id().topic(), published::add);

        assertThatThrownBy(() -> typing.typing(bob.id(), room.id()))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Join the room to post in it");
        assertThatThrownBy(() -> typing.typing(bob.id(), secret.id())).isInstanceOf(NotFoundException.class);
        assertThat(nothingMore()).isNull();

        members.join(bob.id(), room.slug());
        typing.typing(bob.id(), room.id());
        assertThat(next()).isEqualTo(new TypingChanged(room.id(), bob, true));
    }

    private Object next() throws InterruptedException {
        Object event = published.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("an event within 5 s").isNotNull();
        return event;
    }

    /** Waits briefly for an event that should not come; the broadcaster delivers on other threads. */
    private @Nullable Object nothingMore() throws InterruptedException {
        return published.poll(200, TimeUnit.MILLISECONDS);
    }
}
