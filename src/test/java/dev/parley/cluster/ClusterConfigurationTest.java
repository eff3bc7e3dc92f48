package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.base.NodeName;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.LocalBroadcaster;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** When cluster mode is on, and why it refuses to start. */
class ClusterConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClusterProperties.class)
    @Import({LocalBroadcaster.class, NodeName.class, ClusterConfiguration.class})
    static class Node {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Node.class)
            .withPropertyValues("parley.cluster.name=test-" + UUID.randomUUID());

    @Test
    void without_a_redis_url_the_node_is_on_its_own() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RedisBroadcaster.class);
            assertThat(context.getBean(Broadcaster.class)).isInstanceOf(LocalBroadcaster.class);
        });
    }

    @Test
    void with_a_redis_url_and_postgresql_events_go_through_redis() {
        runner.withPropertyValues("parley.cluster.redis-url=redis://127.0.0.1:6379", "parley.database=postgresql")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Broadcaster.class)).isInstanceOf(RedisBroadcaster.class);
                });
    }

    @Test
    void refuses_cluster_mode_on_a_database_of_one_node() {
        for (String database : new String[] {"sqlite", "h2"}) {
            runner.withPropertyValues("parley.cluster.redis-url=redis://127.0.0.1:6379", "parley.database=" + database)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis = analysis(context.getStartupFailure());
                        assertThat(analysis.getDescription())
                                .contains("Cluster mode (parley.cluster.redis-url) needs PostgreSQL")
                                .contains("the database is " + database)
                                .contains("SPRING_DATASOURCE_URL=jdbc:postgresql://");
                        assertThat(analysis.getAction()).contains("Running a cluster");
                    });
        }
    }

    @Test
    void refuses_to_start_when_redis_cannot_be_reached_naming_it_without_its_password() {
        runner.withPropertyValues("parley.cluster.redis-url=redis://:s3cret@127.0.0.1:1", "parley.database=postgresql")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(analysis(context.getStartupFailure()).getDescription())
                            .contains("Cannot reach Redis at redis://127.0.0.1:1")
                            .doesNotContain("s3cret");
                });
    }

    @Test
    void a_redis_url_must_be_one() {
        runner.withPropertyValues("parley.cluster.redis-url=http://127.0.0.1:6379", "parley.database=postgresql")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("must start with redis:// or rediss://"));
    }

    private static FailureAnalysis analysis(Throwable failure) {
        FailureAnalysis analysis = new ClusterSetUpFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("a failure the analyzer explains: " + failure).isNotNull();
        return analysis;
    }
}
