package dev.parley.cluster;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What one page of a browser does on the network from a moment on, with the time of each thing since then: its requests
 * and their answers (Vaadin's own with the start of their body), its WebSockets and what comes over them, the pages it
 * loads and what its console says. For failure messages of the cluster tests, where a browser is left to find its way
 * by itself.
 */
final class BrowserTraffic {

    private static final int SHOWN = 300;

    private final long start = System.nanoTime();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String name;

    private BrowserTraffic(String name) {
        this.name = name;
    }

    /** Records what {@code page} does from now on. */
    static BrowserTraffic record(Page page, String name) {
        BrowserTraffic traffic = new BrowserTraffic(name);
        page.onRequest(request -> traffic.add("-> " + request.method() + " " + request.url()
                + (request.postData() == null ? "" : " " + shorten(request.postData()))));
        page.onResponse(response -> traffic.add("<- " + response.status() + " " + response.url() + cookie(response)
                + location(response) + vaadinBody(response)));
        page.onRequestFailed(request -> traffic.add("xx " + request.url() + " failed: " + request.failure()));
        page.onWebSocket(socket -> {
            traffic.add("ws open " + socket.url());
            socket.onFrameReceived(frame -> traffic.add("ws <- " + shorten(frame.text())));
            socket.onFrameSent(frame -> traffic.add("ws -> " + shorten(frame.text())));
            socket.onSocketError(error -> traffic.add("ws error " + error));
            socket.onClose(closed -> traffic.add("ws closed " + closed.url()));
        });
        page.onFrameNavigated(frame -> {
            if (frame.parentFrame() == null) {
                traffic.add("page at " + frame.url());
            }
        });
        page.onLoad(loaded -> traffic.add("page loaded " + loaded.url()));
        page.onConsoleMessage(message -> traffic.add("console " + message.type() + ": " + shorten(message.text())));
        return traffic;
    }

    /** Notes something the test did or saw, in its place among the browser's doings. */
    void mark(String what) {
        add("== " + what);
    }

    /** Writes what was recorded to {@code target/cluster-nodes/} and returns the file. */
    Path save() {
        try {
            Path folder = Files.createDirectories(Path.of("target", "cluster-nodes"));
            Path file = Files.createTempFile(folder, name + "-traffic-", ".log");
            Files.write(file, lines);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String line) {
        lines.add(String.format("%8.3f s  %s", (System.nanoTime() - start) / 1e9, line));
    }

    private static String cookie(Response response) {
        String cookies = response.headerValue("set-cookie");
        return cookies == null ? "" : " [Set-Cookie: " + cookies.replace('\n', ' ') + "]";
    }

    private static String location(Response response) {
        String location = response.headerValue("location");
        return location == null ? "" : " [Location: " + location + "]";
    }

    /** The start of Vaadin's own answers (UIDL, heartbeats), where it says a session expired or a UI is gone. */
    private static String vaadinBody(Response response) {
        if (!response.url().contains("v-r=")) {
            return "";
        }
        try {
            return " " + shorten(response.text());
        } catch (PlaywrightException e) {
            return " (no body: " + shorten(e.getMessage()) + ")";
        }
    }

    private static String shorten(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String line = text.replace('\n', ' ');
        return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "…";
    }
}
