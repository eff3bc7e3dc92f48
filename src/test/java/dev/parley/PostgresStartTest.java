package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A start whose only database setting is a {@code jdbc:postgresql:} URL (no profile, no dialect, no
 * {@code parley.database}) runs Parley on PostgreSQL: the schema of {@code db/migration/postgresql}, Hibernate's
 * PostgreSQL dialect, a plain connection pool instead of SQLite's writer and readers, and posting works.
 */
@ExtendWith(SecurityContextStrategyRestored.class)
class PostgresStartTest {

    @TempDir
    Path temp;

    String database;

    @BeforeEach
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        PostgresTestDatabase.drop(database);
    }

    @Test
    void a_postgresql_url_alone_runs_parley_on_postgresql() throws IOException {
        // The user in the URL: the only setting is the URL. (SPRING_DATASOURCE_USERNAME works as well.)
        String url = PostgresTestDatabase.SERVER + database + "?user=postgres";
        try (ConfigurableApplicationContext parley = new SpringApplicationBuilder(Application.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--parley.data-dir=" + temp.resolve("data"),
                        "--server.port=0",
                        "--server.address=127.0.0.1")) {
            assertThat(parley.getEnvironment().getProperty("parley.database")).isEqualTo("postgresql");
            assertThat(parley.getBean(EntityManagerFactory.class)
                            .unwrap(SessionFactoryImplementor.class)
                            .getJdbcServices()
                            .getDialect())
                    .isInstanceOf(PostgreSQLDialect.class);
            assertThat(parley.getBean(DataSource.class))
                    .isInstanceOfSatisfying(HikariDataSource.class, pool -> assertThat(pool.getJdbcUrl())
                            .isEqualTo(url));
            assertThat(parley.containsBean("sqliteCheckpointer")).isFalse();

            Flyway flyway = parley.getBean(Flyway.class);
            assertThat(flyway.getConfiguration().getLocations())
                    .extracting(Location::getDescriptor)
                    .containsExactly("classpath:db/migration/postgresql");
            // Every migration of the folder, up to the newest.
            Resource[] migrations =
                    new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/postgresql/V*.sql");
            int newest = Stream.of(migrations)
                    .mapToInt(m -> Integer.parseInt(m.getFilename().replaceAll("^V(\\d+)__.*", "$1")))
                    .max()
                    .orElseThrow();
            MigrationInfo[] applied = flyway.info().applied();
            assertThat(applied).hasSize(migrations.length);
            assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo(String.valueOf(newest));

            UserSummary alice = Fixtures.user(parley.getBean(AccountService.class), "alice");
            RoomSummary room = parley.getBean(RoomService.class).create(alice.id(), "On PostgreSQL", null, false);
            ChatMessage posted = parley.getBean(MessageService.class).post(alice.id(), room.id(), "hello");
            assertThat(posted.seq()).isEqualTo(1);
        }
    }
}
