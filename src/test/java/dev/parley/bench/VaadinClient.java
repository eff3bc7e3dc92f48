package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless client of Vaadin's own protocol, as Chromium speaks it (captured from Chromium 156 against Vaadin 25.2):
 * sign in through the login form, {@code GET /?v-r=init&location=…} for the UI id, CSRF token and push id, the push
 * WebSocket on {@code /VAADIN/push} with Atmosphere's parameters, then the {@code ui-navigate} event over UIDL that
 * renders the view. Push frames are {@code <length>|<json>}; the client reads message texts and their {@code data-seq}
 * attributes out of the UIDL changes, exactly what a browser would render. The fault tests (dev.parley.faults) also use
 * it as a browser that stops reading its push socket.
 */
public final class VaadinClient implements WebSocket.Listener {

    /** Message bodies the harness posts start with this marker and a number: {@code bm:123 …}. */
    static final Pattern MARKER = Pattern.compile("bm:(\\d+)");

    /** When any client last received a push (System.nanoTime()), for waiting until the server has gone quiet. */
    private static final AtomicLong LAST_PUSH = new AtomicLong(System.nanoTime());

    private static final Pattern SEQ = Pattern.compile("\"key\":\"data-seq\",\"feat\":\\d+,\"value\":\"(\\d+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String BROWSER_DETAILS = "&v-sh=800&v-sw=1200&v-wh=800&v-ww=1200&v-bh=800&v-bw=1200"
            + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-td=false&v-pr=1&v-np=Linux%20x86_64"
            + "&v-cs=light%20dark&v-pv=VISIBLE&v-fs=NOT_FULLSCREEN&v-so=landscape-primary&v-soa=0&v-tn=lumo"
            + "&v-ga=PROMPT&v-wla=SUPPORTED&v-ws=false";

    /** What a receiver does with what it sees. */
    public interface Receiver {
        /** A message posted by the harness (its marker number) arrived by push at {@code nanos}. */
        void marker(long id, long nanos);

        /** A message with this sequence number was added to the view by push. */
        void seq(long seq);
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Receiver receiver;
    private final StringBuilder pending = new StringBuilder();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private String cookie = "";
    private String csrfToken = "";
    private int uiId;
    private @Nullable WebSocket socket;
    private volatile boolean handshakeSeen;
    private volatile boolean reading = true;
    private List<Long> initialSeqs = List.of();

    public VaadinClient(HttpClient http, String baseUrl, Receiver receiver) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.receiver = receiver;
    }

    /**
     * Opens WebSockets, and nothing else. Chromium opens each WebSocket on a connection of its own; the JDK's client
     * takes an idle keep-alive connection from its pool if it has one, and Tomcat answers the last request it allows on
     * a keep-alive connection (the 100th) with {@code Connection: close} added, also a {@code 101}: the JDK's client
     * then refuses the upgrade ("Response field 'Connection' multivalued"), where a browser only looks for
     * {@code upgrade}. This client never sends a plain request, so it never has a pooled connection to offer.
     */
    private static final HttpClient WEB_SOCKETS = newHttpClient();

    /** A WebSocket on a connection of its own, as a browser opens it. */
    static WebSocket.Builder newWebSocketBuilder() {
        return WEB_SOCKETS.newWebSocketBuilder();
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Signs in through the form: the login page's CSRF token, then the POST that Spring Security answers. */
    public void signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
        updateCookie(page);
        Matcher csrf = CSRF_META.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String form = "_csrf=" + enc(csrf.group(1)) + "&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<String> login = http.send(
                request("/login")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        updateCookie(login);
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException(
                    "Sign-in of " + username + " failed: " + login.statusCode() + " " + location);
        }
    }

    /** Opens a view, for example {@code rooms/general}, and connects its push channel. */
    public void open(String route) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        HttpResponse<String> init = http.send(
                get("/?v-r=init&location=" + enc(route) + "&query=" + BROWSER_DETAILS + "&v-curdate="
                                + System.currentTimeMillis() + "&v-wn=bench-" + System.nanoTime())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (init.statusCode() != 200) {
            throw new IllegalStateException("Init answered " + init.statusCode());
        }
        JsonNode root = JSON.readTree(init.body());
        uiId = root.path("appConfig").path("v-uiId").asInt();
        csrfToken = root.findValue("Vaadin-Security-Key").asString();
        String pushId = root.findValue("Vaadin-Push-ID").asString();

        String push = baseUrl.replace("http", "ws") + "/VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + pushId
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1&X-Atmosphere-Transport=websocket"
                + "&X-Atmosphere-TrackMessageSize=true&Content-Type=application/json;%20charset=UTF-8"
                + "&X-atmo-protocol=true&X-Vaadin-LastSeenServerSyncId=0";
        socket = newWebSocketBuilder()
                .header("Cookie", cookie)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(push), this)
                .get(30, TimeUnit.SECONDS);

        String navigate = "{\"csrfToken\":\"" + csrfToken + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                + "\"event\":\"ui-navigate\",\"data\":{\"route\":\"/" + route + "\",\"query\":\"\","
                + "\"appShellTitle\":\"Parley\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}],"
                + "\"syncId\":0,\"clientId\":0}";
        HttpResponse<String> view = http.send(
                request("/?v-r=uidl&v-uiId=" + uiId)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(navigate))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (view.statusCode() != 200 || !view.body().contains("message-scroller")) {
            throw new IllegalStateException("Navigation to " + route + " answered " + view.statusCode());
        }
        initialSeqs = SEQ.matcher(view.body())
                .results()
                .map(m -> Long.parseLong(m.group(1)))
                .toList();

        // Chromium follows the navigation at once with a second UIDL request (the web components reporting their
        // initial properties); its small answer replaces the large navigation answer that Flow keeps per UI for
        // resending. Making the same next round trip keeps the measured heap what a browser's session costs.
        JsonNode answer = JSON.readTree(view.body().replaceFirst("^for\\(;;\\);", ""));
        String next = "{\"csrfToken\":\"" + csrfToken + "\",\"rpc\":[],\"syncId\":"
                + answer.path("syncId").asInt() + ",\"clientId\":"
                + answer.path("clientId").asInt() + "}";
        HttpResponse<String> followUp = http.send(
                request("/?v-r=uidl&v-uiId=" + uiId)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(next))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (followUp.statusCode() != 200) {
            throw new IllegalStateException("The follow-up round trip answered " + followUp.statusCode());
        }
    }

    /** The sequence numbers of the messages the view showed when it opened. */
    List<Long> initialSeqs() {
        return initialSeqs;
    }

    public boolean pushConnected() {
        return handshakeSeen;
    }

    /** Tells the server the tab is still there, as the browser does every 25 s. */
    public void heartbeat() throws IOException, InterruptedException {
        http.send(
                request("/?v-r=heartbeat&v-uiId=" + uiId)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Stops reading the push socket, as a browser tab that hangs: the client asks for no more frames, so the socket's
     * buffers fill up and the server's writes to it block.
     */
    public void stopReading() {
        reading = false;
    }

    List<Throwable> errors() {
        return errors;
    }

    public void close() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            ws.abort();
        }
    }

    /** When any client of this harness last received a push, in {@link System#nanoTime()}. */
    static long lastPushNanos() {
        return LAST_PUSH.get();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long received = System.nanoTime();
        synchronized (pending) {
            pending.append(data);
            drain(received);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        errors.add(error);
    }

    /** Atmosphere's TrackMessageSize framing: {@code <length>|<message>}, possibly several per frame or split. */
    private void drain(long received) {
        while (true) {
            int bar = pending.indexOf("|");
            if (bar < 0) {
                return;
            }
            int length = Integer.parseInt(pending.substring(0, bar));
            if (pending.length() < bar + 1 + length) {
                return;
            }
            String message = pending.substring(bar + 1, bar + 1 + length);
            pending.delete(0, bar + 1 + length);
            if (!message.startsWith("{")) {
                handshakeSeen = true;
                continue;
            }
            LAST_PUSH.accumulateAndGet(received, Math::max);
            Matcher marker = MARKER.matcher(message);
            while (marker.find()) {
                receiver.marker(Long.parseLong(marker.group(1)), received);
            }
            Matcher seq = SEQ.matcher(message);
            while (seq.find()) {
                receiver.seq(Long.parseLong(seq.group(1)));
            }
        }
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (!cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        return builder;
    }

    private void updateCookie(HttpResponse<?> response) {
        response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
