package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check {@code main} makes before Spring Boot starts: a taken port or a held folder, from the settings it reads.
 */
class StartCheckTest {

    @TempDir
    Path temp;

    @Test
    void a_port_in_use_given_on_the_command_line_or_in_the_environment_is_refused_with_spring_boots_report()
            throws Exception {
        try (ServerSocket taken = listening()) {
            int port = taken.getLocalPort();
            List<String> args = List.of("--server.address=127.0.0.1", "--parley.data-dir=" + temp.resolve("a"));

            assertThat(StartCheck.refusal(append(args, "--server.port=" + port), Map.of(), new Properties(), temp))
                    .get()
                    .asString()
                    .contains("APPLICATION FAILED TO START")
                    .contains("Web server failed to start. Port " + port + " was already in use.");
            assertThat(StartCheck.refusal(args, Map.of("SERVER_PORT", "" + port), new Properties(), temp))
                    .isPresent();
            assertThat(StartCheck.refusal(args, Map.of("PORT", "" + port), new Properties(), temp))
                    .isPresent();
            // The command line wins over the environment, as in Spring Boot.
            assertThat(StartCheck.refusal(
                            append(args, "--server.port=0"), Map.of("SERVER_PORT", "" + port), new Properties(), temp))
                    .isEmpty();
        }
    }

    @Test
    void a_data_folder_another_parley_holds_is_refused_naming_it() throws Exception {
        Path folder = temp.resolve("held");
        DataFolderLock held = DataFolderLock.acquire(folder);
        try {
            assertThat(StartCheck.refusal(
                            List.of("--server.port=0"),
                            Map.of("PARLEY_DATA_DIR", folder.toString()),
                            new Properties(),
                            temp))
                    .get()
                    .asString()
                    .contains("The data folder " + folder + " is in use by another Parley")
                    .contains("give this one a data folder of its own");
        } finally {
            held.destroy();
        }
        assertThat(StartCheck.refusal(
                        List.of("--server.port=0", "--parley.data-dir=" + folder), Map.of(), new Properties(), temp))
                .isEmpty();
    }

    @Test
    void a_start_that_may_be_configured_elsewhere_is_left_to_spring_boot() throws Exception {
        try (ServerSocket taken = listening()) {
            List<String> args = List.of(
                    "--server.address=127.0.0.1",
                    "--server.port=" + taken.getLocalPort(),
                    "--parley.data-dir=" + temp.resolve("b"));

            assertThat(StartCheck.refusal(args, Map.of("SPRING_PROFILES_ACTIVE", "h2"), new Properties(), temp))
                    .isEmpty();
            Path withConfig = Files.createDirectories(temp.resolve("app"));
            Files.writeString(withConfig.resolve("application.properties"), "server.port=0\n");
            assertThat(StartCheck.refusal(args, Map.of(), new Properties(), withConfig))
                    .isEmpty();
        }
    }

    private static ServerSocket listening() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private static List<String> append(List<String> args, String arg) {
        return Stream.concat(args.stream(), Stream.of(arg)).toList();
    }
}
