package dev.parley.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The fast path for test data: rows written with plain JDBC straight into the schema that Parley's own migrations
 * created (Parley must have started once on the data folder or database, and must be stopped while this runs), on
 * SQLite or PostgreSQL. Reproducible: a fixed seed picks every message text. Users get a bcrypt hash of cost 4, which
 * Parley's password encoder accepts like any other, so that thousands of sign-ins take seconds instead of minutes.
 */
public final class DataGenerator {

    public static final String PASSWORD = "bench-password";
    public static final String SENDER = "bench-sender";
    public static final String HISTORY_ROOM = "bench-history";
    static final int ROOMS = 20;
    static final int SEED_MESSAGES = 60;

    private static final String[] WORDS = {
        "deploy", "review", "lunch", "standup", "release", "ticket", "merge", "coffee", "build", "design",
        "question", "meeting", "customer", "incident", "metrics", "retro", "planning", "docs", "bug", "idea"
    };

    private final Random random = new Random(42);
    private final long now = 1_790_000_000_000L;

    public record Layout(List<String> users, List<String> rooms, String fanout100, String fanout1000) {}

    /**
     * @param users how many users ({@code bench-user-00001}…), spread round-robin over {@value #ROOMS} rooms
     * @param historyMessages messages in the history room
     */
    public Layout generate(Path dataDir, int users, int historyMessages) throws SQLException {
        String url = "jdbc:sqlite:" + dataDir.resolve("parley.db");
        try (Connection db = DriverManager.getConnection(url)) {
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=OFF");
            }
            return generate(db, users, historyMessages);
        }
    }

    /**
     * The same rows in a PostgreSQL database, the messages through {@code COPY}: a million single inserts, even
     * batched, take minutes, where {@code COPY} takes seconds. Every id comes from the tables' identity columns, as
     * when Parley inserts, so each identity's sequence is already past the generated rows when the server starts.
     */
    public Layout generatePostgres(String url, String username, int users, int historyMessages) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, username, "")) {
            Layout layout = generate(db, users, historyMessages);
            // A database that has been in use has been vacuumed and analysed by autovacuum: its planner knows the
            // tables' sizes, and index-only scans need not visit rows that every transaction sees. Just after a
            // million rows were copied in, neither is true yet, and the first phases would measure that instead.
            db.setAutoCommit(true);
            try (Statement st = db.createStatement()) {
                st.execute("VACUUM ANALYZE");
            }
            return layout;
        }
    }

    private Layout generate(Connection db, int users, int historyMessages) throws SQLException {
        db.setAutoCommit(false);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

        long sender = insertUser(db, SENDER, "Bench Sender", hash);
        List<String> usernames = new ArrayList<>();
        List<Long> userIds = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 1; i <= users; i++) {
                String name = String.format("bench-user-%05d", i);
                usernames.add(name);
                userIds.add(insert(ps, name, "Bench User " + i, hash, now));
            }
        }

        List<String> rooms = new ArrayList<>();
        List<Long> roomIds = new ArrayList<>();
        for (int r = 1; r <= ROOMS; r++) {
            String slug = String.format("bench-room-%02d", r);
            rooms.add(slug);
            roomIds.add(insertRoom(db, slug));
        }
        try (PreparedStatement ps = membershipStatement(db)) {
            for (int r = 0; r < ROOMS; r++) {
                addMember(ps, roomIds.get(r), sender, "ADMIN");
            }
            for (int i = 0; i < userIds.size(); i++) {
                addMember(ps, roomIds.get(i % ROOMS), userIds.get(i), "MEMBER");
            }
            ps.executeBatch();
        }
        for (long room : roomIds) {
            insertMessages(db, room, sender, SEED_MESSAGES);
        }

        String fanout100 = "bench-fanout-100";
        String fanout1000 = "bench-fanout-1000";
        for (var fanout : List.of(new Object[] {fanout100, 100}, new Object[] {fanout1000, 1000})) {
            long room = insertRoom(db, (String) fanout[0]);
            try (PreparedStatement ps = membershipStatement(db)) {
                addMember(ps, room, sender, "ADMIN");
                for (int i = 0; i < Math.min((int) fanout[1], userIds.size()); i++) {
                    addMember(ps, room, userIds.get(i), "MEMBER");
                }
                ps.executeBatch();
            }
            insertMessages(db, room, sender, SEED_MESSAGES);
        }

        long history = insertRoom(db, HISTORY_ROOM);
        try (PreparedStatement ps = membershipStatement(db)) {
            addMember(ps, history, sender, "ADMIN");
            ps.executeBatch();
        }
        insertMessages(db, history, sender, historyMessages);
        db.commit();
        return new Layout(usernames, rooms, fanout100, fanout1000);
    }

    private long insertUser(Connection db, String username, String displayName, String hash) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            return insert(ps, username, displayName, hash, now);
        }
    }

    private static long insert(PreparedStatement ps, String username, String displayName, String hash, long at)
            throws SQLException {
        ps.setString(1, username);
        ps.setString(2, displayName);
        ps.setString(3, hash);
        ps.setLong(4, at);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private long insertRoom(Connection db, String slug) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq) VALUES (?, ?, ?, ?, ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, slug);
            ps.setString(2, slug);
            ps.setString(3, "Generated by the benchmark harness");
            // A parameter, not a literal: PostgreSQL's BOOLEAN takes no 0, SQLite stores false as 0.
            ps.setBoolean(4, false);
            ps.setLong(5, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static PreparedStatement membershipStatement(Connection db) throws SQLException {
        return db.prepareStatement("INSERT INTO memberships (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)");
    }

    private void addMember(PreparedStatement ps, long room, long user, String role) throws SQLException {
        ps.setLong(1, room);
        ps.setLong(2, user);
        ps.setString(3, role);
        ps.setLong(4, now);
        ps.addBatch();
    }

    private void insertMessages(Connection db, long room, long author, int count) throws SQLException {
        if (db.isWrapperFor(PGConnection.class)) {
            copyMessages(db.unwrap(PGConnection.class), room, author, count);
        } else {
            batchMessages(db, room, author, count);
        }
        try (PreparedStatement ps =
                db.prepareStatement("UPDATE rooms SET last_seq = ?, last_version = ? WHERE id = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, count);
            ps.setLong(3, room);
            ps.executeUpdate();
        }
        // The generated members have read the generated history, as members at an upgrade have (migration V5).
        try (PreparedStatement ps = db.prepareStatement("UPDATE memberships SET last_read_seq = ? WHERE room_id = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, room);
            ps.executeUpdate();
        }
    }

    private void batchMessages(Connection db, long room, long author, int count) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO messages (room_id, seq, version, author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int seq = 1; seq <= count; seq++) {
                ps.setLong(1, room);
                ps.setLong(2, seq);
                // Each message was one change to the room: its version is its sequence number.
                ps.setLong(3, seq);
                ps.setLong(4, author);
                ps.setString(5, sentence());
                ps.setLong(6, now - (long) (count - seq) * 1000);
                ps.addBatch();
                if (seq % 10_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * The same rows as {@link #batchMessages}, in PostgreSQL's text format, sent 10,000 at a time. The texts are words
     * and spaces only, so no value needs escaping.
     */
    private void copyMessages(PGConnection db, long room, long author, int count) throws SQLException {
        CopyIn copy =
                db.getCopyAPI().copyIn("COPY messages (room_id, seq, version, author_id, body, created_at) FROM STDIN");
        try {
            StringBuilder rows = new StringBuilder();
            for (int seq = 1; seq <= count; seq++) {
                rows.append(room)
                        .append('\t')
                        .append(seq)
                        .append('\t')
                        .append(seq)
                        .append('\t');
                rows.append(author).append('\t').append(sentence()).append('\t');
                rows.append(now - (long) (count - seq) * 1000).append('\n');
                if (seq % 10_000 == 0 || seq == count) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                // Ended early by an exception: PostgreSQL rolls the copy back, and the exception goes on.
                copy.cancelCopy();
            }
        }
    }

    private String sentence() {
        int words = 4 + random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
