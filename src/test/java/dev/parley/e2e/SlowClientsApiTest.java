package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.bench.VaadinClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * Slow and idle clients cost the server connections and memory, not service: with hundreds of request bodies trickling
 * in, headers arriving a line at a time and connections that never send anything, everyone else is still answered, can
 * post, and gets pushes (issue 20, item 5).
 */
class SlowClientsApiTest extends ApiTestSupport {

    /** More than Tomcat's 200 request threads of the platform-thread default: each one would hold one. */
    static final int SLOW_BODIES = 250;

    static final int SLOW_HEADERS = 50;
    static final int IDLE = 50;

    /** Each slow body declares this much and sends {@link #DRIP} bytes of it every {@link #DRIP_EVERY}. */
    static final int DECLARED_LENGTH = 4096;

    static final int DRIP = 10;
    static final Duration DRIP_EVERY = Duration.ofSeconds(2);

    /** How long an ordinary request may take while the slow clients are connected. */
    static final Duration BOUND = Duration.ofSeconds(2);

    @Autowired
    ServletWebServerApplicationContext server;

    /** How many connections the server's Tomcat holds open now. */
    private long tomcatConnections() {
        Tomcat tomcat = ((TomcatWebServer) server.getWebServer()).getTomcat();
        return ((AbstractProtocol<?>) tomcat.getConnector().getProtocolHandler()).getConnectionCount();
    }

    @Test
    void slow_and_idle_clients_do_not_stop_anyone_else_being_served() throws Exception {
        String alice = api.register("slowpoke");
        String token = api.token(alice);
        String slug = api.createRoom(token, "Slow", false);

        List<Long> pushed = new CopyOnWriteArrayList<>();
        VaadinClient view =
                new VaadinClient(VaadinClient.newHttpClient(), "http://127.0.0.1:" + port, new Receiver(pushed));
        List<Socket> sockets = new ArrayList<>();
        List<IOException> dripFailures = new CopyOnWriteArrayList<>();
        ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
        try {
            view.signIn(alice, Fixtures.PASSWORD);
            view.open("rooms/" + slug);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(view::pushConnected);

            List<Socket> bodies = new ArrayList<>();
            for (int i = 0; i < SLOW_BODIES; i++) {
                Socket socket = connect(sockets);
                send(
                        socket,
                        "POST /api/rooms/" + slug + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                + token + "\r\nContent-Type: application/json\r\nContent-Length: " + DECLARED_LENGTH
                                + "\r\n\r\n{\"body\":\"");
                bodies.add(socket);
            }
            List<Socket> headers = new ArrayList<>();
            for (int i = 0; i < SLOW_HEADERS; i++) {
                Socket socket = connect(sockets);
                send(socket, "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                headers.add(socket);
            }
            for (int i = 0; i < IDLE; i++) {
                connect(sockets);
            }
            // One thread drips into every slow connection; a failed write is kept to fail the test, since it would
            // mean the server dropped a slow client and the load below was not what it claims.
            dripper.scheduleAtFixedRate(
                    () -> {
                        for (Socket socket : bodies) {
                            drip(socket, "a".repeat(DRIP), dripFailures);
                        }
                        for (Socket socket : headers) {
                            drip(socket, "X-Slow: " + System.nanoTime() + "\r\n", dripFailures);
                        }
                    },
                    0,
                    DRIP_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            // Tomcat has taken every slow and idle connection in before the ordinary requests below are made.
            Awaitility.await().atMost(BOUND).until(() -> tomcatConnections() >= SLOW_BODIES + SLOW_HEADERS + IDLE);

            HttpClient http = HttpClient.newBuilder().connectTimeout(BOUND).build();
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                            .timeout(BOUND)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);

            HttpResponse<String> rooms = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                            .header("Authorization", "Bearer " + token)
                            .timeout(BOUND)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rooms.statusCode()).isEqualTo(200);
            assertThat(rooms.body()).contains(slug);

            HttpResponse<String> posted = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms/" + slug + "/messages"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"bm:1 while the slow ones drip\"}"))
                            .timeout(BOUND)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(201);

            Awaitility.await().atMost(BOUND).until(() -> pushed.contains(1L));
            assertThat(dripFailures).isEmpty();
        } finally {
            dripper.shutdownNow();
            assertThat(dripper.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            view.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private Socket connect(List<Socket> sockets) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void drip(Socket socket, String text, List<IOException> failures) {
        try {
            send(socket, text);
        } catch (IOException e) {
            failures.add(e);
        }
    }

    /** Notes the marker number of each message the open view receives by push. */
    private record Receiver(List<Long> pushed) implements VaadinClient.Receiver {

        @Override
        public void marker(long id, long nanos) {
            pushed.add(id);
        }

        @Override
        public void seq(long seq) {
            // The test follows messages by their marker; the view's sequence numbers are checked elsewhere
            // (HeadlessClientE2eTest).
        }
    }
}
