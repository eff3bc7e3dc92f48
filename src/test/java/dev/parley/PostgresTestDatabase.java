package dev.parley;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A database of its own for each test application context on the PostgreSQL server at 127.0.0.1:5432 (user postgres,
 * trust authentication): created before the context's beans, dropped after the last of them, the data source included,
 * when the context closes (the test framework closes cached contexts when the JVM ends). Its name carries the time it
 * was made ({@code parley_test_<epoch seconds>_<random>}), so that runs never share one and the leftovers of a run that
 * was killed are dropped by a later run once they are a day old: a test run takes minutes, and a database someone is
 * still connected to is never dropped that way.
 */
public final class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    /** The name of the context's database, set by this initializer before the data source reads the URL. */
    static final String NAME_PROPERTY = "parley.test.postgres-database";

    /**
     * The test contexts' URL: a PostgreSQL URL from the start, so that Parley chooses PostgreSQL as it reads its
     * configuration (before initializers run), naming the database this initializer creates.
     */
    public static final String URL = SERVER + "${" + NAME_PROPERTY + ":not_created}";

    private static final String PREFIX = "parley_test_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]+");
    private static final Duration LEFTOVER_AGE = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(PostgresTestDatabase.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = create();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("parleyTestDatabase", Map.<String, Object>of(NAME_PROPERTY, name)));
        if (!(context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry)) {
            throw new IllegalStateException("Cannot drop the test database when the context closes: " + context);
        }
        // Registered before any bean, so destroyed after all of them: the pool has closed its connections by then.
        registry.registerDisposableBean(PostgresTestDatabase.class.getName(), () -> drop(name));
    }

    /** Creates an empty database with a name no other run uses, and returns its name. */
    public static String create() {
        dropLeftovers();
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection server = server();
                Statement sql = server.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create a test database on PostgreSQL at 127.0.0.1:5432 as user postgres; is it running?"
                            + " (.ci/run starts it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main"
                            + " start)",
                    e);
        }
        return name;
    }

    /** Drops a database made by {@link #create}, closing whatever connections to it are still open. */
    public static void drop(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a test database: " + name);
        }
        try (Connection server = server();
                Statement sql = server.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("Could not drop the test database {}; a later run drops it once it is a day old", name, e);
        }
    }

    private static void dropLeftovers() {
        long oldest = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
        try (Connection server = server();
                Statement sql = server.createStatement()) {
            List<String> leftovers = new ArrayList<>();
            try (ResultSet names = sql.executeQuery(
                    "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX.replace("_", "\\_") + "%'")) {
                while (names.next()) {
                    Matcher name = NAME.matcher(names.getString(1));
                    if (name.matches() && Long.parseLong(name.group(1)) < oldest) {
                        leftovers.add(name.group());
                    }
                }
            }
            for (String leftover : leftovers) {
                try {
                    // Without FORCE: a database still in use is left alone.
                    sql.execute("DROP DATABASE IF EXISTS " + leftover);
                    log.info("Dropped the test database {} left behind by an earlier run", leftover);
                } catch (SQLException e) {
                    log.info("Left the old test database {} alone: {}", leftover, e.getMessage());
                }
            }
        } catch (SQLException e) {
            // create() says what is wrong with the server.
        }
    }

    private static Connection server() throws SQLException {
        return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
    }
}
