package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V3 on a database that already holds messages: versions are backfilled from sequence numbers. */
class MessageVersionsMigrationTest {

    @Test
    void sqlite_backfills_versions() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "test-data", "migration-" + UUID.randomUUID()));
        backfills("jdbc:sqlite:" + folder.resolve("parley.db"), "sqlite");
    }

    @Test
    void h2_backfills_versions() throws Exception {
        backfills("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "h2");
    }

    private static void backfills(String url, String vendor) throws SQLException {
        migrate(url, vendor, "2");
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO users (username, display_name, password_hash, created_at) "
                    + "VALUES ('ada', 'Ada', 'x', 0)");
            sql.executeUpdate("INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) "
                    + "VALUES ('old', 'old', '', FALSE, 0, 3)");
            for (int seq = 1; seq <= 3; seq++) {
                sql.executeUpdate("INSERT INTO messages (room_id, seq, author_id, body, created_at) "
                        + "SELECT r.id, " + seq + ", u.id, 'message " + seq + "', 0 FROM rooms r, users u "
                        + "WHERE r.slug = 'old' AND u.username = 'ada'");
            }
        }

        migrate(url, vendor, "3");

        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs =
                    sql.executeQuery("SELECT seq, version, edited_at, deleted_at FROM messages ORDER BY seq")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getObject(3) + ":" + rs.getObject(4));
                }
            }
            assertThat(rows).containsExactly("1:1:null:null", "2:2:null:null", "3:3:null:null");
            try (ResultSet rs = sql.executeQuery("SELECT slug, last_version FROM rooms ORDER BY slug")) {
                List<String> rooms = new ArrayList<>();
                while (rs.next()) {
                    rooms.add(rs.getString(1) + ":" + rs.getLong(2));
                }
                assertThat(rooms).containsExactly("general:0", "old:3");
            }
        }
    }

    private static void migrate(String url, String vendor, String target) {
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration/" + vendor)
                .target(target)
                .load()
                .migrate();
    }
}
