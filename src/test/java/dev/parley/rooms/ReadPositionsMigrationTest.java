package dev.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.MigrationDatabase;
import org.junit.jupiter.api.Test;

/** Migration V5 on a database with members: everyone who is a member at the upgrade has read everything. */
class ReadPositionsMigrationTest {

    @Test
    void sqlite_backfills_read_positions() throws Exception {
        backfills(MigrationDatabase.sqlite());
    }

    @Test
    void h2_backfills_read_positions() throws Exception {
        backfills(MigrationDatabase.h2());
    }

    private static void backfills(MigrationDatabase db) throws Exception {
        db.migrateTo("4");
        db.execute(
                "INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('ada', 'Ada', 'x', 0)",
                "INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) "
                        + "VALUES ('busy', 'busy', '', FALSE, 0, 7)",
                "INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) "
                        + "VALUES ('quiet', 'quiet', '', TRUE, 0, 0)",
                "INSERT INTO memberships (room_id, user_id, role, joined_at) "
                        + "SELECT r.id, u.id, 'MEMBER', 0 FROM rooms r, users u WHERE u.username = 'ada'");

        db.migrateTo("5");

        assertThat(db.rows("SELECT r.slug, m.last_read_seq FROM memberships m "
                        + "JOIN rooms r ON r.id = m.room_id ORDER BY r.slug"))
                .containsExactly("busy:7", "general:0", "quiet:0");
    }
}
