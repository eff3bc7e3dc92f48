package dev.parley.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout a UI that has sent no heartbeat for this long is taken as gone (browser crashed, network lost); with
 *     the sweep interval added, such a user is shown offline within 90 seconds by default. Keep it at least twice
 *     Vaadin's heartbeat interval ({@code vaadin.heartbeatInterval}, 25 s here).
 * @param sweepInterval how often stale UIs are looked for
 */
@ConfigurationProperties("parley.presence")
public record PresenceProperties(
        @DefaultValue("80s") Duration timeout,
        @DefaultValue("10s") Duration sweepInterval) {}
