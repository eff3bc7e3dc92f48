package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.communication.JSR356WebsocketInitializer;
import dev.parley.e2e.E2eTest;
import jakarta.servlet.ServletContext;
import org.apache.catalina.connector.Connector;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.cpr.Broadcaster;
import org.atmosphere.util.SimpleBroadcaster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * In the running server, push is written on the pushing thread and the push connection's buffers are the sizes
 * {@link PushConfiguration} sets.
 */
@E2eTest
class PushConfigurationTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    ServletContext servletContext;

    @Test
    void atmosphere_creates_websockets_with_the_small_buffer() {
        AtmosphereFramework atmosphere = (AtmosphereFramework)
                servletContext.getAttribute(JSR356WebsocketInitializer.getAttributeName("springServlet"));

        assertThat(atmosphere).isNotNull();
        assertThat(atmosphere.getAtmosphereConfig().getInitParameter(ApplicationConfig.WEBSOCKET_BUFFER_SIZE))
                .isEqualTo(String.valueOf(PushConfiguration.ATMOSPHERE_BUFFER_SIZE));
    }

    @Test
    void every_push_goes_through_a_broadcaster_that_writes_on_the_pushing_thread() {
        AtmosphereFramework atmosphere = (AtmosphereFramework)
                servletContext.getAttribute(JSR356WebsocketInitializer.getAttributeName("springServlet"));

        assertThat(atmosphere).isNotNull();
        assertThat(atmosphere.getDefaultBroadcasterClassName()).isEqualTo(WrittenPushBroadcaster.class.getName());
        // The one broadcaster Vaadin's push connections all use.
        Broadcaster shared = atmosphere.getBroadcasterFactory().lookup("/*");
        assertThat(shared).isInstanceOf(WrittenPushBroadcaster.class).isInstanceOf(SimpleBroadcaster.class);
    }

    @Test
    void tomcat_uses_the_smaller_socket_and_websocket_buffers() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appReadBufSize"))
                .hasToString(String.valueOf(PushConfiguration.SOCKET_BUFFER_SIZE));
        assertThat(connector.getProperty("socket.appWriteBufSize"))
                .hasToString(String.valueOf(PushConfiguration.SOCKET_BUFFER_SIZE));
        assertThat(Integer.getInteger("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE"))
                .isEqualTo(PushConfiguration.TOMCAT_WEBSOCKET_BUFFER_SIZE);
    }
}
