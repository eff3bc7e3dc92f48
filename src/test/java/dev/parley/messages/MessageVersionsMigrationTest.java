package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.MigrationDatabase;
import org.junit.jupiter.api.Test;

/** Migration V3 on a database that already holds messages: versions are backfilled from sequence numbers. */
class MessageVersionsMigrationTest {

    @Test
    void sqlite_backfills_versions() throws Exception {
        backfills(MigrationDatabase.sqlite());
    }

    @Test
    void h2_backfills_versions() throws Exception {
        backfills(MigrationDatabase.h2());
    }

    private static void backfills(MigrationDatabase db) throws Exception {
        db.migrateTo("2");
        db.execute(
                "INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('ada', 'Ada', 'x', 0)",
                "INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) "
                        + "VALUES ('old', 'old', '', FALSE, 0, 3)");
        for (int seq = 1; seq <= 3; seq++) {
            db.execute("INSERT INTO messages (room_id, seq, author_id, body, created_at) "
                    + "SELECT r.id, " + seq + ", u.id, 'message " + seq + "', 0 FROM rooms r, users u "
                    + "WHERE r.slug = 'old' AND u.username = 'ada'");
        }

        db.migrateTo("3");

        assertThat(db.rows("SELECT seq, version, edited_at, deleted_at FROM messages ORDER BY seq"))
                .containsExactly("1:1:null:null", "2:2:null:null", "3:3:null:null");
        assertThat(db.rows("SELECT slug, last_version FROM rooms ORDER BY slug"))
                .containsExactly("general:0", "old:3");
    }
}
