package dev.parley.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's yardstick: the least a WebSocket broadcast can do in this JVM and servlet container. Every text
 * message received is sent to every open session, one after the other. Registered only when
 * {@code parley.benchmark.ceiling-endpoint=true} (see {@link CeilingEndpointConfiguration}); never in normal use.
 */
public class CeilingEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(CeilingEndpoint.class);
    private static final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        sessions.add(session);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) CeilingEndpoint::broadcast);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        sessions.remove(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        sessions.remove(session);
        log.debug("Ceiling session failed", error);
    }

    private static void broadcast(String text) {
        for (Session session : sessions) {
            try {
                synchronized (session) {
                    session.getBasicRemote().sendText(text);
                }
            } catch (IOException | IllegalStateException e) {
                sessions.remove(session);
                log.debug("Ceiling session dropped", e);
            }
        }
    }
}
