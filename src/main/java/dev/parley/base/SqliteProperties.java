package dev.parley.base;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SQLite tuning. Writes go through one connection, reads through a pool of read-only connections (see
 * docs/design-decisions/2026-11-21-sqlite-one-writer-many-readers.md).
 *
 * @param readers size of the read-only pool
 * @param busyTimeout how long a connection waits for a lock before SQLite reports SQLITE_BUSY
 * @param writeQueueTimeout how long a write transaction waits for the writer connection
 * @param checkpointInterval how often the write-ahead log is copied into the database file in the background
 */
@ConfigurationProperties("parley.sqlite")
public record SqliteProperties(
        @DefaultValue("4") int readers,
        @DefaultValue("30s") Duration busyTimeout,
        @DefaultValue("30s") Duration writeQueueTimeout,
        @DefaultValue("1s") Duration checkpointInterval) {}
