package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Application;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;

/**
 * A Parley started on a data folder or a port that is taken stops before its application context refreshes: it opens no
 * database and builds no index, and leaves the folder as it found it.
 */
class SingleInstanceGuardTest {

    @TempDir
    Path temp;

    @Test
    void a_parley_on_a_data_folder_another_holds_stops_before_it_opens_anything() throws Exception {
        Path folder = temp.resolve("data");
        DataFolderLock other = DataFolderLock.acquire(folder);
        try {
            assertThatThrownBy(() -> start(folder, 0))
                    .isInstanceOf(DataFolderInUseException.class)
                    .hasMessageContaining(folder.toString());

            assertThat(folder.resolve("parley.db")).doesNotExist();
            assertThat(folder.resolve("index")).doesNotExist();
        } finally {
            other.destroy();
        }
    }

    @Test
    void a_parley_on_a_port_in_use_stops_before_it_opens_anything_and_lets_its_data_folder_go() throws Exception {
        Path folder = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(folder, taken.getLocalPort()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }

        assertThat(folder.resolve("parley.db")).doesNotExist();
        DataFolderLock.acquire(folder).destroy();
    }

    private static void start(Path folder, int port) {
        new SpringApplicationBuilder(Application.class)
                .run("--parley.data-dir=" + folder, "--server.port=" + port, "--server.address=127.0.0.1")
                .close();
    }
}
