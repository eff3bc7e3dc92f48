package dev.parley.rooms;

import dev.parley.base.NotAllowedException;
import java.time.Instant;

/**
 * The user is muted in the room: they may read it but not post, edit, react or upload until {@link #until()}. The
 * message gives the time in UTC (ISO 8601) for API clients; views show {@code until} in the browser's time zone.
 */
public class MutedException extends NotAllowedException {

    private final Instant until;

    public MutedException(String roomLabel, Instant until) {
        super("You are muted in " + roomLabel + " until " + until + ".");
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
