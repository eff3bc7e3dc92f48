package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.files.FileStore.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;

/**
 * The default store keeps the layout a data folder has always had: {@code uploads/<name>} and {@code avatars/<name>},
 * staged in the same folders, so that storing is a rename and nothing changes for a single node.
 */
class DataFolderStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void objects_are_the_files_of_the_areas_folders_and_storing_renames_the_staged_file() throws IOException {
        DataFolderStore store = new DataFolderStore(dataDir);
        assertThat(store.staging(FileStore.UPLOADS)).isEqualTo(dataDir.resolve("uploads"));
        assertThat(store.staging(FileStore.AVATARS)).isEqualTo(dataDir.resolve("avatars"));
        Path staged = Files.write(
                Files.createTempFile(store.staging(FileStore.UPLOADS), "upload-", ".part"), new byte[] {1, 2, 3});

        store.put(staged, "uploads/0123456789abcdef0123456789abcdef");

        assertThat(staged).doesNotExist();
        Path file = dataDir.resolve("uploads").resolve("0123456789abcdef0123456789abcdef");
        assertThat(file).hasBinaryContent(new byte[] {1, 2, 3});
        Resource opened = store.open("uploads/0123456789abcdef0123456789abcdef").orElseThrow();
        assertThat(opened.getFile().toPath()).isEqualTo(file);
        assertThat(opened.contentLength()).isEqualTo(3);
        try (InputStream in = opened.getInputStream()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(store.open("uploads/fedcba9876543210fedcba9876543210")).isEmpty();
    }

    @Test
    void a_listing_has_the_objects_with_their_size_and_time_and_never_the_staged_files() throws IOException {
        DataFolderStore store = new DataFolderStore(dataDir);
        Path picture = Files.write(dataDir.resolve("avatars").resolve("7-2.png"), new byte[] {9, 9});
        Instant written = Instant.parse("2026-12-01T10:00:00Z");
        Files.setLastModifiedTime(picture, FileTime.from(written));
        Files.write(dataDir.resolve("avatars").resolve("upload-5.part"), new byte[] {1});

        assertThat(store.list(FileStore.AVATARS)).containsExactly(new StoredObject("7-2.png", 2, written));
        assertThat(store.list(FileStore.UPLOADS)).isEmpty();

        store.delete("avatars/7-2.png");
        store.delete("avatars/7-2.png");
        assertThat(picture).doesNotExist();
        assertThat(store.list(FileStore.AVATARS)).isEmpty();
    }

    @Test
    void a_key_that_parley_did_not_make_never_names_a_path() {
        DataFolderStore store = new DataFolderStore(dataDir);

        for (String key :
                new String[] {"uploads/../parley.db", "../etc/passwd", "index/x", "uploads/", "uploads/a/b"}) {
            assertThatThrownBy(() -> store.open(key))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Not a key of Parley's files: " + key);
        }
        assertThatThrownBy(() -> store.staging("index"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an area of Parley's files: index");
    }
}
