package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The node's name when none is configured, and where it shows in cluster mode. */
class NodeNamingTest {

    @Test
    void a_node_on_its_own_is_named_by_host_and_port_and_its_logs_stay_as_they_were() {
        StandardEnvironment environment = environment(Map.of("server.port", "9090"));

        new NodeNaming().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("parley.node-name")).endsWith(":9090");
        assertThat(environment.getProperty("spring.application.name")).isNull();
    }

    @Test
    void in_a_cluster_the_configured_name_goes_into_logs_and_metrics() {
        StandardEnvironment environment =
                environment(Map.of("parley.node-name", "node-7", "parley.cluster.redis-url", "redis://127.0.0.1:6379"));

        new NodeNaming().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("parley.node-name")).isEqualTo("node-7");
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("node-7");
        assertThat(environment.getProperty("management.metrics.tags.node")).isEqualTo("node-7");
    }

    @Test
    void a_name_set_for_the_application_wins() {
        StandardEnvironment environment = environment(
                Map.of("spring.application.name", "chat", "parley.cluster.redis-url", "redis://127.0.0.1:6379"));

        new NodeNaming().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.application.name")).isEqualTo("chat");
        assertThat(environment.getProperty("parley.node-name")).endsWith(":8080");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
