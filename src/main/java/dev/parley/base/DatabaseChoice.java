package dev.parley.base;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database from {@code spring.datasource.url} alone, before anything is configured from it: none (or a
 * {@code jdbc:sqlite:} URL) is the embedded SQLite database under the data folder, {@code jdbc:h2:} is H2 and
 * {@code jdbc:postgresql:} is PostgreSQL. It sets {@code parley.database}, which the SQLite-only beans and the writing
 * of posts look at ({@link SqliteDataSourceConfiguration}, {@code GroupCommit}), and Hibernate's dialect. Spring Boot
 * picks the JDBC driver from the URL itself, and Flyway's {@code db/migration/{vendor}} folder from the database it
 * connects to. See docs/design-decisions/2026-12-07-postgresql.md.
 *
 * <p>Its settings are defaults, below every configuration file: a dialect set explicitly
 * ({@code spring.jpa.database-platform}) wins. {@code parley.database} set explicitly must name the database of the
 * URL; a start that says otherwise, or whose URL names a database Parley does not run on, fails here with a message
 * saying so rather than later with a stack trace about a driver or a table.
 */
class DatabaseChoice implements EnvironmentPostProcessor, Ordered {

    static final String URL = "spring.datasource.url";
    static final String DATABASE = "parley.database";
    static final String DIALECT = "spring.jpa.database-platform";

    /** The name of the property source this adds. */
    static final String SOURCE = "parleyDatabase";

    /**
     * The databases Parley runs on, by the prefix of their JDBC URLs. Hibernate finds the dialect of H2 and PostgreSQL
     * from the connection (and warns when it is named, HHH90000025); SQLite's, a community dialect, must be named.
     */
    enum Database {
        SQLITE("sqlite", "jdbc:sqlite:", "org.hibernate.community.dialect.SQLiteDialect"),
        H2("h2", "jdbc:h2:", null),
        POSTGRESQL("postgresql", "jdbc:postgresql:", null);

        final String id;
        final String urlPrefix;
        final @Nullable String dialect;

        Database(String id, String urlPrefix, @Nullable String dialect) {
            this.id = id;
            this.urlPrefix = urlPrefix;
            this.dialect = dialect;
        }
    }

    /** After the configuration files and the command line are read (Boot's config data processor runs first). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Database database = of(environment.getProperty(URL));
        String configured = environment.getProperty(DATABASE);
        if (configured != null && !configured.isBlank() && !configured.trim().equalsIgnoreCase(database.id)) {
            throw new IllegalStateException("parley.database=" + configured.trim() + " does not match the database of"
                    + " spring.datasource.url (" + database.urlPrefix + "…): the database follows from the URL, so"
                    + " leave parley.database out");
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        SOURCE,
                        database.dialect == null
                                ? Map.of(DATABASE, database.id)
                                : Map.of(DATABASE, database.id, DIALECT, database.dialect)));
    }

    /**
     * The database a JDBC URL names: SQLite when there is none.
     *
     * @throws IllegalStateException for a URL of a database Parley does not run on
     */
    static Database of(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return Database.SQLITE;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Database.values())
                .filter(database -> lower.startsWith(database.urlPrefix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Parley runs on SQLite (the default, without a"
                        + " spring.datasource.url), H2 (jdbc:h2:…) or PostgreSQL (jdbc:postgresql:…), not on "
                        + scheme(lower)));
    }

    /** The URL up to its database's name, without anything that may be a host, a user or a password. */
    private static String scheme(String url) {
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return second < 0 ? "a URL that is not a JDBC URL" : url.substring(0, second + 1) + "…";
    }
}
