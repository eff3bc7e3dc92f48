package dev.parley.realtime;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.communication.JSR356WebsocketInitializer;
import jakarta.servlet.ServletContext;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.util.SimpleBroadcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the push WebSocket writes: on the pushing thread (see {@link #atmosphereBroadcaster()}), with small buffers.
 *
 * <p>Smaller per-connection buffers for the push WebSocket. Every open tab holds one push connection for as long as it
 * is open, so its fixed buffers are paid once per tab: with the defaults they were ~90 KB of each session's heap (found
 * in a heap dump of 100 connected sessions; docs/benchmarks.md). What each buffer is for, and its size here:
 *
 * <ul>
 *   <li>Atmosphere's {@code WebSocket} allocates a byte and a char buffer of
 *       {@code org.atmosphere.websocket.bufferSize} each (Vaadin sets 16,384: 48 KB per connection) that its Tomcat
 *       (JSR 356) implementation never reads or writes; here {@value #ATMOSPHERE_BUFFER_SIZE}.
 *   <li>Tomcat's WebSocket frame input, output and UTF-8 encoder buffers
 *       ({@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}, 8 KB each); here
 *       {@value #TOMCAT_WEBSOCKET_BUFFER_SIZE} bytes, which still holds a new-message push (1–2 KB) in one write;
 *       larger frames are written in parts.
 *   <li>The socket's read and write buffers ({@code socket.appReadBufSize}, {@code socket.appWriteBufSize}, 8 KB each),
 *       which Tomcat's documentation says to decrease "for an extreme amount of keep alive connections"; here
 *       {@value #SOCKET_BUFFER_SIZE} bytes.
 * </ul>
 *
 * Client-to-server messages do not use the WebSocket (Vaadin sends them over HTTP), so nothing large is ever read from
 * it. An operator can still override the Tomcat WebSocket size with the system property.
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    static final int ATMOSPHERE_BUFFER_SIZE = 256;
    static final int TOMCAT_WEBSOCKET_BUFFER_SIZE = 4096;
    static final int SOCKET_BUFFER_SIZE = 4096;

    private static final String TOMCAT_WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private static final Logger log = LoggerFactory.getLogger(PushConfiguration.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> pushSocketBuffers() {
        return factory -> {
            // Read once, when Tomcat's WebSocket classes first load: that is after this customizer runs.
            if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER_PROPERTY) == null) {
                System.setProperty(TOMCAT_WEBSOCKET_BUFFER_PROPERTY, String.valueOf(TOMCAT_WEBSOCKET_BUFFER_SIZE));
            }
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_SIZE));
                connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_SIZE));
            });
        };
    }

    /**
     * Atmosphere writes each push on the thread that pushes it ({@link SimpleBroadcaster}) instead of handing it to two
     * thread pools. Vaadin sends every UI's pushes through one Atmosphere broadcaster; the default one queues each push
     * for a single dispatching task, which queues it again for a pool of 200 writing threads, and each of those tasks
     * then waits 100 ms for another write to the same connection before it gives its thread back. A message to a room
     * of 1,000 open views therefore needed at least 500 ms for the last view's write to start (the benchmark harness:
     * p50 265 ms, p99 740 ms, with the server's CPU not busy), and 200 slow connections could hold up everyone's
     * writes. Here a push is written by the thread that made it: in Parley, the subscriber's own virtual thread
     * (docs/design-decisions/2026-12-06-push-written-by-the-pushing-thread.md). {@link WrittenPushBroadcaster} then
     * lets go of each push once written.
     *
     * <p>Vaadin's servlet passes no parameters of its own to Atmosphere; Atmosphere reads the servlet context's
     * parameters when one of them says so.
     */
    @Bean
    ServletContextInitializer atmosphereBroadcaster() {
        return context -> {
            context.setInitParameter(ApplicationConfig.USE_SERVLET_CONTEXT_PARAMETERS, "true");
            context.setInitParameter(ApplicationConfig.BROADCASTER_CLASS, WrittenPushBroadcaster.class.getName());
        };
    }

    /**
     * Vaadin creates Atmosphere at start-up and fixes its buffer size there; Atmosphere reads the parameter again for
     * every new WebSocket, so changing it before the first connection is enough. (A servlet context parameter, as for
     * the broadcaster above, would not do: a parameter Vaadin sets itself wins over the context's.)
     */
    @Bean
    VaadinServiceInitListener atmosphereBufferSize() {
        return (ServiceInitEvent event) -> {
            if (!(event.getSource() instanceof VaadinServletService service)) {
                return;
            }
            ServletContext context = service.getServlet().getServletContext();
            String attribute = JSR356WebsocketInitializer.getAttributeName(
                    service.getServlet().getServletName());
            if (context.getAttribute(attribute) instanceof AtmosphereFramework atmosphere) {
                atmosphere.addInitParameter(
                        ApplicationConfig.WEBSOCKET_BUFFER_SIZE, String.valueOf(ATMOSPHERE_BUFFER_SIZE));
            } else {
                log.warn("No Atmosphere framework found for push; its WebSocket buffers keep Vaadin's size");
            }
        };
    }
}
