package dev.parley.base;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's writer connection, handed out so that one whose transaction state is in doubt is thrown away rather than
 * reused. When a write fails for lack of space (SQLITE_FULL) or an I/O error, SQLite may roll the whole transaction
 * back by itself; sqlite-jdbc does not notice, so its {@code rollback()} then fails ("no transaction is active") and it
 * never begins the next transaction: every later statement on that connection commits on its own, and every later
 * {@code commit()} fails, so that writes the application reports as failed are stored, and a retry stores them twice. A
 * connection whose commit, rollback or begin failed is therefore evicted from the pool when it is closed (SQLite rolls
 * back whatever was still open), and the next write opens a new one. See docs/design-decisions/2026-12-07-full-disk.md.
 */
final class WriterConnections extends DelegatingDataSource {

    /** The calls that end or begin a transaction: when one fails, sqlite-jdbc's idea of it may be wrong. */
    private static final Set<String> TRANSACTION_CALLS = Set.of("commit", "rollback", "setAutoCommit");

    private static final Logger log = LoggerFactory.getLogger(WriterConnections.class);

    private final HikariDataSource pool;

    WriterConnections(HikariDataSource pool) {
        super(pool);
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(pool.getConnection(username, password));
    }

    private Connection guarded(Connection pooled) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Guard(pooled));
    }

    /**
     * One borrowed connection: remembers a failed transaction call, and evicts the connection instead of returning it.
     */
    private final class Guard implements InvocationHandler {

        private final Connection pooled;
        private @Nullable Throwable failure;
        private boolean closed;

        Guard(Connection pooled) {
            this.pooled = pooled;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                close();
                return null;
            }
            if (name.equals("isClosed")) {
                return closed || pooled.isClosed();
            }
            if (name.equals("equals")) {
                return args != null && proxy == args[0];
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            try {
                return method.invoke(pooled, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (TRANSACTION_CALLS.contains(name) && failure == null) {
                    failure = cause;
                }
                if (name.equals("rollback") && args == null && alreadyRolledBack(cause)) {
                    // SQLite rolled the transaction back by itself, as asked here: the rollback is done, and the
                    // failure that caused it is what the caller is told about, not this one.
                    return null;
                }
                throw cause;
            }
        }

        /** Whether a failed rollback says that SQLite had no transaction left to roll back. */
        private static boolean alreadyRolledBack(Throwable rollbackFailure) {
            return rollbackFailure instanceof SQLiteException sqlite
                    && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_ERROR
                    && String.valueOf(sqlite.getMessage()).contains("no transaction is active");
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            Throwable broken = failure;
            if (broken == null) {
                pooled.close();
                return;
            }
            // Not closed first: Hikari would roll back once more (failing again) and hand the connection to the next
            // writer. Evicting an open connection closes it at once; SQLite rolls back whatever it still held.
            String message = "Discarding the SQLite writer connection after a failed commit or rollback ({}); the next"
                    + " write opens a new one";
            if (StorageStatus.isStorageFull(broken) || alreadyRolledBack(broken)) {
                // Once per refused write while the disk is full: StorageStatus has said so once already, and the
                // failure that made SQLite roll back is what the caller reports.
                log.debug(message, broken.getMessage());
            } else {
                log.warn(message, broken.getMessage());
            }
            pool.evictConnection(pooled);
        }
    }
}
