package dev.parley.rooms;

import dev.parley.base.WorkClaims;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends mutes whose time has passed, every few seconds: one indexed query for all rooms (and a write only when one
 * ended), so a muted member's composer re-enables by itself within seconds without any view polling. The services never
 * rely on it: a mute past its time no longer counts, swept or not.
 */
@Component
class MuteSweeper {

    private static final int PAGE = 500;

    private final ModerationService moderation;
    private final WorkClaims claims;

    MuteSweeper(ModerationService moderation, WorkClaims claims) {
        this.moderation = moderation;
        this.claims = claims;
    }

    /**
     * On one node of a cluster each time (a mute is ended once anyway: its row is deleted only if it is still there).
     */
    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    void sweep() {
        if (!claims.claim("rooms:end-mutes", Duration.ofSeconds(4))) {
            return;
        }
        List<RoomMute> ended;
        do {
            ended = moderation.endedMutes(PAGE);
            if (!ended.isEmpty()) {
                moderation.endMutes(ended);
            }
        } while (ended.size() == PAGE);
    }
}
