package dev.parley.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that posts a file a few bytes every second, as over a very bad line: its request stays in progress for as
 * long as the server lets it. It stops when closed or when the server closes the connection.
 */
final class SlowUpload implements AutoCloseable {

    private static final String BOUNDARY = "slow-upload";

    private final Socket socket;
    private final Thread writer;

    private SlowUpload(Socket socket) {
        this.socket = socket;
        this.writer = Thread.ofVirtual().name("slow-upload").start(this::trickle);
    }

    /** Sends the request's headers and the start of its body to the post endpoint, then trickles the rest. */
    static SlowUpload start(int port, String token) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        String head = "POST /api/rooms/general/messages HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                + "\r\nContent-Length: 1000000\r\n\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"slow.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new SlowUpload(socket);
    }

    private void trickle() {
        try {
            OutputStream out = socket.getOutputStream();
            while (!socket.isClosed()) {
                out.write("slow text ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            // The server closed the connection (shutting down, or tired of waiting): this client's work is over.
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.interrupt();
    }
}
