package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The database follows from {@code spring.datasource.url} alone; the SQLite default needs none. */
class DatabaseChoiceTest {

    @Test
    void without_a_url_parley_runs_on_sqlite() {
        StandardEnvironment environment = chosen(Map.of());

        assertThat(environment.getProperty("parley.database")).isEqualTo("sqlite");
        assertThat(environment.getProperty("spring.jpa.database-platform"))
                .isEqualTo("org.hibernate.community.dialect.SQLiteDialect");
    }

    @Test
    void a_postgresql_url_chooses_postgresql_and_leaves_the_dialect_to_hibernate() {
        StandardEnvironment environment =
                chosen(Map.of("spring.datasource.url", "jdbc:postgresql://db.example.com:5432/parley"));

        assertThat(environment.getProperty("parley.database")).isEqualTo("postgresql");
        // Hibernate finds it from the connection (PostgresStartTest), and warns when it is named.
        assertThat(environment.getProperty("spring.jpa.database-platform")).isNull();
    }

    @Test
    void an_h2_url_chooses_h2_without_the_profile() {
        StandardEnvironment environment =
                chosen(Map.of("spring.datasource.url", "jdbc:h2:mem:parley;DB_CLOSE_DELAY=-1"));

        assertThat(environment.getProperty("parley.database")).isEqualTo("h2");
        assertThat(environment.getProperty("spring.jpa.database-platform")).isNull();
    }

    @Test
    void a_dialect_set_explicitly_wins_and_a_matching_parley_database_is_accepted() {
        StandardEnvironment environment = chosen(Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost/parley",
                "parley.database", "PostgreSQL",
                "spring.jpa.database-platform", "com.example.TunedPostgreSQLDialect"));

        assertThat(environment.getProperty("spring.jpa.database-platform"))
                .isEqualTo("com.example.TunedPostgreSQLDialect");
    }

    @Test
    void a_parley_database_that_contradicts_the_url_is_refused_at_start() {
        assertThatThrownBy(() -> chosen(
                        Map.of("spring.datasource.url", "jdbc:postgresql://localhost/parley", "parley.database", "h2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.database=h2 does not match")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void a_url_of_another_database_is_refused_without_repeating_its_host_or_credentials() {
        assertThatThrownBy(() -> chosen(
                        Map.of("spring.datasource.url", "jdbc:mysql://secret-host:3306/parley?password=hunter2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not on jdbc:mysql:")
                .hasMessageNotContaining("secret-host")
                .hasMessageNotContaining("hunter2");
    }

    private static StandardEnvironment chosen(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        // Only what the test says: not the machine's SPRING_DATASOURCE_URL, if it has one.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(settings)));
        new DatabaseChoice().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
