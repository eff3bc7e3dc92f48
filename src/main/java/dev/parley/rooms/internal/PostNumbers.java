package dev.parley.rooms.internal;

import dev.parley.rooms.MessageNumbers;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes a new post's numbers in its room through JDBC, inside the caller's (write) transaction: two statements that
 * every post runs on SQLite's one writer. Through Hibernate they cost more than their own work: a flush before each,
 * and the translation of a JPQL update to SQL on every call (Flight Recorder of the benchmark's sustained load, where
 * the writer thread's time bounds how fast posts are written).
 */
@Component
public class PostNumbers {

    /** Counts the post in only if its author may post there now: a member, the room not archived, not muted. */
    private static final String TAKE = """
            UPDATE rooms SET last_seq = last_seq + 1, last_version = last_version + 1
            WHERE id = ? AND archived_at IS NULL
              AND EXISTS (SELECT 1 FROM memberships m WHERE m.room_id = ? AND m.user_id = ?)
              AND NOT EXISTS (SELECT 1 FROM room_mutes mu
                              WHERE mu.room_id = ? AND mu.user_id = ? AND mu.muted_until > ?)""";

    private static final String READ = "SELECT last_seq, last_version FROM rooms WHERE id = ?";

    private final JdbcTemplate jdbc;

    PostNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The room's numbers after this post, or null when the author may not post there (nothing is changed then). */
    public @Nullable MessageNumbers take(long roomId, long userId, Instant now) {
        int changed = jdbc.update(TAKE, roomId, roomId, userId, roomId, userId, now.toEpochMilli());
        if (changed != 1) {
            return null;
        }
        List<MessageNumbers> read =
                jdbc.query(READ, (row, i) -> new MessageNumbers(row.getLong(1), row.getLong(2)), roomId);
        return read.getFirst();
    }
}
