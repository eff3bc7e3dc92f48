package dev.parley;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import dev.parley.base.ShutdownDeadline;
import dev.parley.base.StartCheck;
import dev.parley.files.FilesCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Parley: a self-hosted, real-time team chat. Starts the Spring Boot application and configures the Vaadin application
 * shell (server push over WebSocket, Lumo theme following the operating system's colour scheme); {@code files …} runs a
 * command of the files feature instead ({@link FilesCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
@ColorScheme(ColorScheme.Value.LIGHT_DARK)
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("files")) {
            // A command of the jar (files migrate-to-s3), not a start: no port, no web server.
            System.exit(FilesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        // A second Parley on a taken port or data folder is refused here, within a second, before Spring Boot starts.
        StartCheck.refuseIfTaken(args);
        SpringApplication application = new SpringApplication(Application.class);
        // Here and not for every application context: tests close theirs in a JVM that must never be halted.
        application.addListeners(new ShutdownDeadline());
        application.run(args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Parley");
        settings.addMetaTag("viewport", "width=device-width, initial-scale=1");
    }
}
