package dev.parley.base;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Instance-wide settings.
 *
 * @param dataDir {@code parley.data-dir} (or {@code PARLEY_DATA_DIR}): the folder under which Parley keeps everything
 *     it stores (the database, uploads, pictures, the search index), locked by one Parley at a time
 * @param shutdownTimeout how long Parley may take to stop after it is told to (SIGTERM) before it stops at once
 *     ({@link ShutdownDeadline}); only the production entry point enforces it
 */
@ConfigurationProperties("parley")
public record ParleyProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("25s") Duration shutdownTimeout) {

    public ParleyProperties {
        dataDir = dataDir.toAbsolutePath().normalize();
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new IllegalArgumentException("parley.shutdown-timeout must be positive");
        }
    }
}
