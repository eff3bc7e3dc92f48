package dev.parley.rooms.internal;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Raises many read positions with one JDBC batch, inside the caller's transaction. */
@Component
public class ReadPositionWriter {

    private static final String RAISE =
            "UPDATE memberships SET last_read_seq = ? " + "WHERE room_id = ? AND user_id = ? AND last_read_seq < ?";

    private final JdbcTemplate jdbc;

    ReadPositionWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row to raise: the user's position in the room, to {@code seq} if it is lower. */
    public record Raise(long roomId, long userId, long seq) {}

    /** For each row, whether it changed (a non-member's row, or one already there, does not). */
    public boolean[] raise(List<Raise> rows) {
        int[] counts = jdbc.batchUpdate(RAISE, rows, rows.size(), (ps, row) -> {
            ps.setLong(1, row.seq());
            ps.setLong(2, row.roomId());
            ps.setLong(3, row.userId());
            ps.setLong(4, row.seq());
        })[0];
        boolean[] changed = new boolean[rows.size()];
        for (int i = 0; i < counts.length && i < changed.length; i++) {
            // Drivers may answer SUCCESS_NO_INFO (-2) for a batch: then report it as changed.
            changed[i] = counts[i] != 0;
        }
        return changed;
    }
}
