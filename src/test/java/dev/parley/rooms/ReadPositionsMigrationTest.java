package dev.parley.rooms;

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

/** Migration V5 on a database with members: everyone who is a member at the upgrade has read everything. */
class ReadPositionsMigrationTest {

    @Test
    void sqlite_backfills_read_positions() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "test-data", "migration-" + UUID.randomUUID()));
        backfills("jdbc:sqlite:" + folder.resolve("parley.db"), "sqlite");
    }

    @Test
    void h2_backfills_read_positions() throws Exception {
        backfills("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "h2");
    }

    private static void backfills(String url, String vendor) throws SQLException {
        migrate(url, vendor, "4");
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO users (username, display_name, password_hash, created_at) "
                    + "VALUES ('ada', 'Ada', 'x', 0)");
            sql.executeUpdate("INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) "
                    + "VALUES ('busy', 'busy', '', FALSE, 0, 7)");
            sql.executeUpdate("INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) "
                    + "VALUES ('quiet', 'quiet', '', TRUE, 0, 0)");
            sql.executeUpdate("INSERT INTO memberships (room_id, user_id, role, joined_at) "
                    + "SELECT r.id, u.id, 'MEMBER', 0 FROM rooms r, users u WHERE u.username = 'ada'");
        }

        migrate(url, vendor, "5");

        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement();
                ResultSet rs = sql.executeQuery("SELECT r.slug, m.last_read_seq FROM memberships m "
                        + "JOIN rooms r ON r.id = m.room_id ORDER BY r.slug")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getLong(2));
            }
            assertThat(rows).containsExactly("busy:7", "general:0", "quiet:0");
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
