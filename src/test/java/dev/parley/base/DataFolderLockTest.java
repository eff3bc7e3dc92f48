package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Parley per data folder: the folder's lock, held by another process or by another context of this one. */
class DataFolderLockTest {

    @TempDir
    Path temp;

    @Test
    void a_folder_another_process_holds_is_refused_naming_that_process_and_is_free_once_it_ends() throws Exception {
        Path folder = temp.resolve("data");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DataFolderHolder.class.getName(),
                        folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader output = holder.inputReader(StandardCharsets.UTF_8);
            assertThat(CompletableFuture.supplyAsync(() -> readLine(output)).get(60, TimeUnit.SECONDS))
                    .isEqualTo("locked");

            assertThatThrownBy(() -> DataFolderLock.acquire(folder))
                    .isInstanceOf(DataFolderInUseException.class)
                    .hasMessageContaining("The data folder " + folder + " is in use by another Parley")
                    .hasMessageContaining("process " + holder.pid());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        DataFolderLock mine = DataFolderLock.acquire(folder);
        assertThat(Files.readString(folder.resolve(DataFolderLock.FILE)).strip())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        mine.destroy();
    }

    @Test
    void a_folder_another_application_context_of_this_process_holds_is_refused_until_it_lets_go() throws Exception {
        Path folder = temp.resolve("shared");
        DataFolderLock first = DataFolderLock.acquire(folder);

        assertThatThrownBy(() -> DataFolderLock.acquire(folder))
                .isInstanceOf(DataFolderInUseException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining(
                        "this same process (" + ProcessHandle.current().pid());

        first.destroy();
        DataFolderLock.acquire(folder).destroy();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
