package dev.parley.faults;

import dev.parley.bench.ParleyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Where the fault tests find the production jar and put their servers' data folders and logs. */
final class FaultServers {

    private FaultServers() {}

    /** The jar that {@code package} built; the faults profile runs after it. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("parley.jar", "target/parley.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar.toAbsolutePath() + ": run ./mvnw -Pfaults verify");
        }
        return jar;
    }

    /** A fresh folder under target/faults for one test's data folders and logs. */
    static Path workFolder(String name) throws IOException {
        return Files.createDirectories(
                Path.of("target", "faults", name + "-" + UUID.randomUUID()).toAbsolutePath());
    }

    /** Starts the jar on 127.0.0.1 with 1 GB of heap, its output appended to {@code log}, with extra settings. */
    static ParleyServer start(Path dataDir, int port, Path log, String... settings) throws IOException {
        return ParleyServer.start(ParleyServer.Launch.plain(jar()), dataDir, port, "1g", log, null, settings);
    }

    /** A port of 127.0.0.1 that nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
