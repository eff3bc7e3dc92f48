package dev.parley.base;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The first thing {@code main} does: refuses a second Parley on a taken port or a data folder another Parley holds
 * before Spring Boot starts, within a second, where {@link SingleInstanceGuard} can only do so once Spring Boot has
 * read its configuration (a second or two later). It reads the settings only where a start names them: the command
 * line, system properties, the environment, and the defaults of {@code application.properties}; when a start may
 * configure itself another way (a profile, a configuration file of its own, {@code SPRING_APPLICATION_JSON}) it leaves
 * the check to the guard, which sees everything. It takes nothing: the guard takes the folder's lock and the web server
 * the port.
 */
public final class StartCheck {

    /** Settings that may change the port or the folder in ways this check does not read. */
    private static final List<String> OTHER_CONFIGURATION = List.of(
            "spring.profiles.active",
            "spring.config.location",
            "spring.config.additional-location",
            "spring.config.import",
            "spring.application.json");

    private StartCheck() {}

    /** Prints Spring Boot's kind of failure report and exits with 1 when the port or the data folder is taken. */
    public static void refuseIfTaken(String[] args) {
        refusal(List.of(args), System.getenv(), System.getProperties(), Path.of(""))
                .ifPresent(report -> {
                    System.err.println(report);
                    System.exit(1);
                });
    }

    /** What a start with these settings is refused with, or nothing when the check cannot tell or all is free. */
    static Optional<String> refusal(List<String> args, Map<String, String> env, Properties system, Path workingDir) {
        Function<String, @Nullable String> setting = name -> setting(name, args, env, system);
        boolean configuredElsewhere = OTHER_CONFIGURATION.stream().anyMatch(name -> setting.apply(name) != null)
                || Files.exists(workingDir.resolve("application.properties"))
                || Files.exists(workingDir.resolve("application.yml"))
                || Files.isDirectory(workingDir.resolve("config"));
        if (configuredElsewhere) {
            return Optional.empty();
        }
        // application.properties reads PARLEY_DATA_DIR and PORT for these.
        String folder = Optional.ofNullable(setting.apply("parley.data-dir"))
                .or(() -> Optional.ofNullable(env.get("PARLEY_DATA_DIR")))
                .orElse("./data");
        try {
            DataFolderLock.acquire(Path.of(folder).toAbsolutePath().normalize()).destroy();
        } catch (DataFolderInUseException e) {
            return Optional.of(report(
                    e.getMessage(),
                    "Stop the Parley that holds " + e.folder() + " first, or give this one a data folder of its own"
                            + " (parley.data-dir, or PARLEY_DATA_DIR): one data folder serves one Parley at a time."));
        } catch (IOException e) {
            // Spring Boot's start reports it, with the whole configuration at hand.
            return Optional.empty();
        }
        String port = Optional.ofNullable(setting.apply("server.port"))
                .or(() -> Optional.ofNullable(env.get("PORT")))
                .orElse("8080");
        try {
            int number = Integer.parseInt(port.trim());
            String address = setting.apply("server.address");
            if (number > 0 && !portFree(address == null ? null : InetAddress.getByName(address), number)) {
                return Optional.of(report(
                        "Web server failed to start. Port " + number + " was already in use.",
                        "Identify and stop the process that's listening on port " + number
                                + " or configure this application to listen on another port."));
            }
        } catch (NumberFormatException | IOException e) {
            // Not this check's business: Spring Boot's start says what is wrong with the setting.
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A setting as Spring Boot would read it from the command line ({@code --name=value}), a system property, or the
     * environment ({@code NAME_IN_CAPITALS}), in that order; null when none names it.
     */
    private static @Nullable String setting(
            String name, List<String> args, Map<String, String> env, Properties system) {
        String prefix = "--" + name + "=";
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).startsWith(prefix)) {
                return args.get(i).substring(prefix.length());
            }
        }
        String property = system.getProperty(name);
        if (property != null) {
            return property;
        }
        return env.get(name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
    }

    /**
     * Whether the port is free: binds it for a moment, as the web server will, and lets it go.
     *
     * @throws IOException when it cannot tell (an address this machine does not have, for one)
     */
    static boolean portFree(@Nullable InetAddress address, int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    private static String report(String description, String action) {
        return String.join(
                System.lineSeparator(),
                "",
                "***************************",
                "APPLICATION FAILED TO START",
                "***************************",
                "",
                "Description:",
                "",
                description,
                "",
                "Action:",
                "",
                action,
                "");
    }
}
