package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL migrations end in the schema the H2 ones do: the same tables, columns (type, length, nullability),
 * unique keys, named indexes and foreign keys (with what a delete does). Entities are validated against each database
 * at start-up; this also catches a constraint or index one folder has and the other lacks. The tables of the search
 * index in OpenSearch are PostgreSQL's only.
 */
class SchemaEquivalenceTest {

    /** Tables of the search index in OpenSearch, which only a PostgreSQL database has (V18__search_in_opensearch). */
    private static final Set<String> POSTGRESQL_ONLY =
            Set.of("hsearch_outbox_event", "hsearch_agent", "search_index_build");

    @Test
    void postgresql_and_h2_migrations_end_in_the_same_schema() throws SQLException {
        MigrationDatabase h2 = MigrationDatabase.h2();
        h2.migrateTo("latest");
        String name = PostgresTestDatabase.create();
        try {
            MigrationDatabase postgresql =
                    new MigrationDatabase(PostgresTestDatabase.SERVER + name + "?user=postgres", "postgresql");
            postgresql.migrateTo("latest");

            Map<String, List<String>> expected = schema(h2.url(), "PUBLIC");
            Map<String, List<String>> actual = schema(postgresql.url(), "public");
            // The index in OpenSearch needs PostgreSQL (its outbox, its build's state): H2 has no such tables.
            assertThat(actual).containsKeys(POSTGRESQL_ONLY.toArray(String[]::new));
            actual.keySet().removeAll(POSTGRESQL_ONLY);
            // What the descriptions are made of, so that an empty one cannot pass for equal.
            assertThat(expected.get("users"))
                    .contains("column username varchar(50) not null", "unique (username)", "primary key id");
            assertThat(expected.get("mentions")).contains("index mentions_recent (user_id, created_at)");
            assertThat(expected.get("memberships"))
                    .contains(
                            "foreign key room_id references rooms (id) on delete cascade", "unique (room_id, user_id)");
            assertThat(expected.get("files")).contains("foreign key message_id references messages (id)");
            assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((table, description) ->
                    assertThat(actual.get(table)).as(table).containsExactlyElementsOf(description));
        } finally {
            PostgresTestDatabase.drop(name);
        }
    }

    /** Each table (but Flyway's) and its description, as lines that do not depend on the vendor's own names. */
    private static Map<String, List<String>> schema(String url, String schema) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(url)) {
            DatabaseMetaData meta = db.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : names) {
                if (table.equalsIgnoreCase("flyway_schema_history")) {
                    continue;
                }
                tables.put(lower(table), describe(meta, schema, table));
            }
        }
        return tables;
    }

    private static List<String> describe(DatabaseMetaData meta, String schema, String table) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                int type = rs.getInt("DATA_TYPE");
                String size = type == Types.VARCHAR ? "(" + rs.getInt("COLUMN_SIZE") + ")" : "";
                lines.add("column " + lower(rs.getString("COLUMN_NAME")) + " " + typeName(type) + size
                        + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : ""));
            }
        }
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                lines.add("primary key " + lower(rs.getString("COLUMN_NAME")));
            }
        }
        // Unique indexes by their columns (vendors name those of constraints differently), other indexes by name:
        // H2 also indexes every foreign key by itself, under names of its own, which PostgreSQL does not.
        Map<String, TreeMap<Integer, String>> indexColumns = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index == null) {
                    continue;
                }
                indexColumns
                        .computeIfAbsent(index, i -> new TreeMap<>())
                        .put((int) rs.getShort("ORDINAL_POSITION"), lower(rs.getString("COLUMN_NAME")));
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        TreeSet<String> indexes = new TreeSet<>();
        indexColumns.forEach((index, columns) -> {
            String on = String.join(", ", columns.values());
            if (unique.get(index)) {
                indexes.add("unique (" + on + ")");
            } else if (!index.toUpperCase(Locale.ROOT).contains("CONSTRAINT")
                    && !index.toUpperCase(Locale.ROOT).startsWith("FK_")) {
                indexes.add("index " + lower(index) + " (" + on + ")");
            }
        });
        lines.addAll(indexes);
        TreeSet<String> foreignKeys = new TreeSet<>();
        try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                foreignKeys.add("foreign key " + lower(rs.getString("FKCOLUMN_NAME")) + " references "
                        + lower(rs.getString("PKTABLE_NAME")) + " (" + lower(rs.getString("PKCOLUMN_NAME")) + ")"
                        + (rs.getInt("DELETE_RULE") == DatabaseMetaData.importedKeyCascade
                                ? " on delete cascade"
                                : ""));
            }
        }
        lines.addAll(foreignKeys);
        return lines;
    }

    private static String typeName(int type) {
        return switch (type) {
            case Types.BIGINT -> "bigint";
            case Types.INTEGER -> "integer";
            case Types.VARCHAR -> "varchar";
            // PostgreSQL's driver reports its boolean as BIT.
            case Types.BOOLEAN, Types.BIT -> "boolean";
            default -> "type " + type;
        };
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
