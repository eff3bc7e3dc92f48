package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.parley.MutableClock;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.realtime.LocalBroadcaster;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {

    private final MutableClock clock = new MutableClock();
    private final LocalBroadcaster broadcaster = new LocalBroadcaster();
    private final AccountService accounts = mock(AccountService.class);
    private final PresenceService presence = new PresenceService(
            broadcaster, accounts, new PresenceProperties(Duration.ofSeconds(80), Duration.ofSeconds(10)), clock);
    private final UserId alice = new UserId(1);

    @AfterEach
    void stop() {
        broadcaster.destroy();
    }

    @Test
    void a_user_is_online_while_any_tab_is_open() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        broadcaster.subscribe(PresenceChanged.TOPIC, events::add);

        PresenceService.Connection first = presence.connect(alice, () -> {});
        PresenceService.Connection second = presence.connect(alice, () -> {});
        assertThat(presence.isOnline(alice)).isTrue();
        first.close();
        assertThat(presence.isOnline(alice)).isTrue();
        second.close();
        second.close();

        assertThat(presence.isOnline(alice)).isFalse();
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new PresenceChanged(alice, true, null));
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new PresenceChanged(alice, false, clock.instant()));
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        verify(accounts).recordLastSeen(alice, clock.instant());
    }

    @Test
    void a_tab_without_heartbeats_is_taken_offline_after_the_timeout() {
        AtomicBoolean closedUi = new AtomicBoolean();
        PresenceService.Connection tab = presence.connect(alice, () -> closedUi.set(true));

        clock.advance(Duration.ofSeconds(60));
        tab.touch();
        clock.advance(Duration.ofSeconds(60));
        presence.expireStale();
        assertThat(presence.isOnline(alice)).isTrue();

        clock.advance(Duration.ofSeconds(21));
        presence.expireStale();
        assertThat(presence.isOnline(alice)).isFalse();
        assertThat(closedUi).isTrue();
        assertThat(presence.onlineUsers()).isEqualTo(Set.of());
    }
}
