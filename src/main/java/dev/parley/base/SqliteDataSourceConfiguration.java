package dev.parley.base;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database at {@code <data-dir>/parley.db}, the default. Write transactions share one connection,
 * so writers queue in the pool instead of failing with SQLITE_BUSY; read-only transactions
 * ({@code @Transactional(readOnly = true)}) run on a pool of read-only connections, which WAL mode lets read while the
 * writer writes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "parley.database", havingValue = "sqlite", matchIfMissing = true)
class SqliteDataSourceConfiguration {

    /** The log size, in pages of 4 KB, at which a commit checkpoints by itself (SQLite's default is 1,000). */
    static final int WRITER_AUTOCHECKPOINT_PAGES = 20_000;

    @Bean
    RoutingSqliteDataSource dataSource(DataDirectory dataDirectory, SqliteProperties properties) {
        String url = "jdbc:sqlite:" + dataDirectory.resolve("parley.db");
        // The writer opens (and creates) the file first and switches it to WAL before any reader connects.
        HikariDataSource writer = pool("parley-writer", url, writerConfig(properties), 1, false, properties);
        HikariDataSource readers =
                pool("parley-reader", url, readerConfig(properties), properties.readers(), true, properties);
        return new RoutingSqliteDataSource(writer, readers);
    }

    /** Depends on the data source so that it opens after the writer has switched the file to WAL. */
    @Bean
    SqliteCheckpointer sqliteCheckpointer(
            RoutingSqliteDataSource dataSource, DataDirectory dataDirectory, SqliteProperties properties)
            throws SQLException {
        String url = "jdbc:sqlite:" + dataDirectory.resolve("parley.db");
        return new SqliteCheckpointer(commonConfig(properties).createConnection(url), properties.checkpointInterval());
    }

    private static SQLiteConfig commonConfig(SqliteProperties properties) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout((int) properties.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        return config;
    }

    private static SQLiteConfig writerConfig(SqliteProperties properties) {
        SQLiteConfig config = commonConfig(properties);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // Checkpoints run in the background (SqliteCheckpointer); this is only the safety net if they fall behind.
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WRITER_AUTOCHECKPOINT_PAGES));
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    private static SQLiteConfig readerConfig(SqliteProperties properties) {
        SQLiteConfig config = commonConfig(properties);
        config.setReadOnly(true);
        return config;
    }

    private static HikariDataSource pool(
            String name, String url, SQLiteConfig sqlite, int size, boolean readOnly, SqliteProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        // The driver's own data source rather than a URL and properties: the same settings, reachable through the pool
        // (the full-disk test lowers the database's page limit of new connections through it).
        SQLiteDataSource connections = new SQLiteDataSource(sqlite);
        connections.setUrl(url);
        config.setDataSource(connections);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setReadOnly(readOnly);
        config.setConnectionTimeout(properties.writeQueueTimeout().toMillis());
        return new HikariDataSource(config);
    }

    /**
     * Routes read-only transactions, and work a thread marked read-only, to the reader pool and everything else to the
     * single writer.
     */
    static final class RoutingSqliteDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

        private final HikariDataSource writer;
        private final HikariDataSource readers;

        RoutingSqliteDataSource(HikariDataSource writer, HikariDataSource readers) {
            // A writer connection whose transaction state is in doubt after a failed commit is not reused.
            super(new WriterConnections(writer));
            setReadOnlyDataSource(readers);
            this.writer = writer;
            this.readers = readers;
        }

        /** Work the thread marked read-only ({@link ReadOnlyWork}) reads from the reader pool, transaction or not. */
        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            if (ReadOnlyWork.active()) {
                connection.setReadOnly(true);
            }
            return connection;
        }

        @Override
        public void close() {
            readers.close();
            writer.close();
        }
    }
}
