package dev.parley.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The data folder, created at start-up when it is missing (SQLite does not create parent folders). */
@Component
public class DataDirectory {

    private final Path root;

    DataDirectory(ParleyProperties properties) {
        this.root = properties.dataDir();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + root, e);
        }
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
