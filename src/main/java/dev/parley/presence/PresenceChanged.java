package dev.parley.presence;

import dev.parley.accounts.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user came online or went offline; {@code lastSeen} is set when they went offline. */
public record PresenceChanged(
        UserId user, boolean online, @Nullable Instant lastSeen) {

    public static final String TOPIC = "presence";
}
