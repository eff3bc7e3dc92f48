package dev.parley.realtime;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link CeilingEndpoint} at {@value #PATH} for the benchmark harness, and only for it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "parley.benchmark.ceiling-endpoint", havingValue = "true")
class CeilingEndpointConfiguration {

    static final String PATH = "/bench/ceiling";

    @Bean
    ServletListenerRegistrationBean<ServletContextListener> ceilingEndpoint() {
        return new ServletListenerRegistrationBean<>(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                ServerContainer container =
                        (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
                if (container == null) {
                    throw new IllegalStateException("The servlet container offers no WebSocket server container");
                }
                try {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(CeilingEndpoint.class, PATH)
                            .build());
                } catch (DeploymentException e) {
                    throw new IllegalStateException("Cannot register the benchmark ceiling endpoint", e);
                }
            }
        });
    }
}
