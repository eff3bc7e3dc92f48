package dev.parley;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/** A fresh database of one vendor for migration tests: migrate up to a version, write rows, read rows back. */
public record MigrationDatabase(String url, String vendor) {

    public static MigrationDatabase sqlite() throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "test-data", "migration-" + UUID.randomUUID()));
        return new MigrationDatabase("jdbc:sqlite:" + folder.resolve("parley.db"), "sqlite");
    }

    public static MigrationDatabase h2() {
        return new MigrationDatabase("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "h2");
    }

    /** Applies Parley's migrations for this vendor up to and including {@code version}. */
    public void migrateTo(String version) {
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration/" + vendor)
                .target(version)
                .load()
                .migrate();
    }

    /** Runs the statements in order, as they would run against an older Parley's database. */
    public void execute(String... statements) throws SQLException {
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
        }
    }

    /** The rows of a query, each as its columns joined with {@code :} ({@code null} for SQL NULL). */
    public List<String> rows(String query) throws SQLException {
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement();
                ResultSet rs = sql.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringJoiner row = new StringJoiner(":");
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }
}
