package dev.parley.base;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Names this node ({@code parley.node-name}, see {@link NodeName}) when the configuration does not: host name and port.
 * In cluster mode the name also goes into every log line ({@code spring.application.name}, which Spring Boot's log
 * pattern shows) and into every metric (the tag {@code node}), so that the nodes' logs and metrics can be told apart
 * once they are gathered. Defaults only: a setting of any of them wins.
 */
class NodeNaming implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "parleyNodeName";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("parley.node-name");
        String name = StringUtils.hasText(configured)
                ? configured.strip()
                : NodeName.defaultName(environment.getProperty("server.port", Integer.class, 8080));
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("parley.node-name", name);
        if (StringUtils.hasText(environment.getProperty("parley.cluster.redis-url"))) {
            defaults.put("spring.application.name", name);
            defaults.put("management.metrics.tags.node", name);
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
