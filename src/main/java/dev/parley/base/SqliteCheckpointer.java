package dev.parley.base;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Copies SQLite's write-ahead log back into the database file on a connection and thread of its own, so that no write
 * transaction has to. SQLite's default is that the commit that fills the log past 1,000 pages checkpoints it itself,
 * with an fsync of the database file: that one post then waits for the disk, and every post queued behind it on the
 * single writer waits too (see docs/design-decisions/2026-11-21-background-wal-checkpoints.md). Here the writer's
 * automatic checkpoint is only a safety net at a much larger log, and this class runs a passive checkpoint, which never
 * blocks readers or the writer, at a fixed interval; at shutdown it truncates the log.
 */
final class SqliteCheckpointer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final Connection connection;
    private final ScheduledExecutorService scheduler;

    SqliteCheckpointer(Connection connection, Duration interval) {
        this.connection = connection;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-sqlite-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The outcome of one checkpoint: frames in the log, and how many of them are now in the database file. */
    record Result(boolean busy, int logFrames, int checkpointedFrames) {}

    /** Runs one passive checkpoint now. */
    synchronized Result checkpoint() throws SQLException {
        return run("PASSIVE");
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (SQLException e) {
            // The writer's own automatic checkpoint still bounds the log; say so, and try again next time.
            log.warn("Background WAL checkpoint failed; the next one will retry", e);
        }
    }

    private Result run(String mode) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            result.next();
            return new Result(result.getInt(1) != 0, result.getInt(2), result.getInt(3));
        }
    }

    @Override
    public void destroy() throws SQLException, InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        synchronized (this) {
            try {
                run("TRUNCATE");
            } finally {
                connection.close();
            }
        }
    }
}
