package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * What a load balancer asks a node: {@code /actuator/health/readiness} is UP while it serves, and says OUT_OF_SERVICE
 * as soon as the node is told to stop, while its web server still answers: SIGTERM closes the application context as
 * {@code close()} does here, and the balancer stops sending it new browsers before its port closes.
 */
class ReadinessTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void readiness_is_up_while_serving_and_out_of_service_before_the_web_server_stops(@TempDir Path temp)
            throws Exception {
        // The node installs its own (Vaadin's); the one of before goes back for the test classes after this one.
        SecurityContextHolderStrategy strategyBefore = SecurityContextHolder.getContextHolderStrategy();
        ConfigurableApplicationContext node = new SpringApplicationBuilder(Application.class)
                .run(
                        "--parley.data-dir=" + temp.resolve("data"),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--vaadin.devmode.devTools.enabled=false");
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        List<String> whileStopping = new CopyOnWriteArrayList<>();
        try {
            assertThat(get(port, "/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");
            assertThat(get(port, "/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");

            // Runs on the closing thread when readiness changes, before the web server's graceful shutdown begins.
            node.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                    whileStopping.add(get(port, "/actuator/health/readiness"));
                    whileStopping.add(get(port, "/actuator/health/liveness"));
                }
            });
        } finally {
            node.close();
            SecurityContextHolder.setContextHolderStrategy(strategyBefore);
        }

        assertThat(whileStopping).containsExactly("503 {\"status\":\"OUT_OF_SERVICE\"}", "200 {\"status\":\"UP\"}");
    }

    private String get(int port, String path) {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() + " " + answer.body();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }
}
