package dev.parley.realtime;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes a {@link ClockTick} every minute. */
@Component
class ClockTicker {

    private final Broadcaster broadcaster;
    private final Clock clock;

    ClockTicker(Broadcaster broadcaster, Clock clock) {
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Scheduled(fixedRate = 60_000, initialDelay = 60_000)
    void tick() {
        broadcaster.publish(ClockTick.TOPIC, new ClockTick(clock.instant()));
    }
}
