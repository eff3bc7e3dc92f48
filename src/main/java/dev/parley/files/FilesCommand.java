package dev.parley.files;

import dev.parley.base.DataDirectory;
import dev.parley.base.ParleyProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar parley.jar files migrate-to-s3}: copies a data folder's uploads, thumbnails and pictures into the
 * bucket of {@code parley.files.s3.*}, so that a single node can become a cluster. It reads Parley's settings as a
 * start does (the environment, {@code --name=value} arguments, {@code application.properties}) and holds the data
 * folder's lock while it copies, so it refuses to run while a Parley uses that folder: stop Parley, copy, then start
 * the nodes with the bucket. It may be run again: objects already in the bucket with the same size are not copied
 * twice.
 */
public final class FilesCommand {

    static final String USAGE = "Usage: java -jar parley.jar files migrate-to-s3 [--name=value ...]\n"
            + "  Copies the data folder's uploads, thumbnails and pictures (PARLEY_DATA_DIR) into the bucket of\n"
            + "  PARLEY_FILES_S3_ENDPOINT and PARLEY_FILES_S3_BUCKET (with PARLEY_FILES_S3_ACCESS_KEY and\n"
            + "  PARLEY_FILES_S3_SECRET_KEY). Stop Parley first; running it again copies only what is missing.";

    private FilesCommand() {}

    /**
     * Runs {@code files <command> [--name=value ...]} and says what it did on {@code out}, or why not on {@code err}.
     *
     * @param args what followed {@code files} on the command line
     * @return the exit code: 0 when done, 1 when the copy failed, 2 for a command or settings it cannot run with
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("migrate-to-s3")) {
            err.println((args.length == 0 ? "No command given." : "Unknown command: files " + args[0]) + "\n" + USAGE);
            return 2;
        }
        SpringApplication application = new SpringApplication(MigrationContext.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        application.setBannerMode(Banner.Mode.OFF);
        // Quiet unless something is wrong: the command's own lines are its report.
        application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
        try (ConfigurableApplicationContext context = application.run(Arrays.copyOfRange(args, 1, args.length))) {
            S3Properties s3 = context.getBean(S3Properties.class);
            if (!s3.enabled()) {
                err.println("No bucket to copy into: set PARLEY_FILES_S3_ENDPOINT and PARLEY_FILES_S3_BUCKET (and"
                        + " PARLEY_FILES_S3_ACCESS_KEY, PARLEY_FILES_S3_SECRET_KEY) as the nodes will have them.\n"
                        + USAGE);
                return 2;
            }
            DataDirectory dataDirectory = context.getBean(DataDirectory.class);
            DataFolderStore folder = new DataFolderStore(dataDirectory.resolve(""));
            try (S3FileStore bucket = S3FileStore.connect(s3, dataDirectory.resolve("staging"))) {
                S3Migration.Copied copied = new S3Migration(folder, bucket).run();
                out.println(copied.describe(folder, bucket));
                return 0;
            } catch (FileStoreSetUpException e) {
                err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("The copy stopped: " + e.getMessage() + "\nWhat was copied stays; run the command again"
                        + " to copy the rest.");
                return 1;
            }
        } catch (RuntimeException e) {
            // Spring Boot's failure report (a data folder in use, a setting it cannot read) is logged already.
            err.println("Parley's settings could not be read, or the data folder cannot be used: " + rootMessage(e));
            return 2;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /**
     * What the command needs of Parley's configuration, and nothing else: the data folder (locked while it runs) and
     * the bucket's settings. Not a {@code @Configuration}: the application's component scan must never find it.
     */
    @EnableConfigurationProperties({ParleyProperties.class, S3Properties.class})
    @Import(DataDirectory.class)
    static class MigrationContext {}
}
