package dev.parley.base;

import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The data folder, created and locked at start-up ({@link DataFolderLock}) before anything in it is opened: every path
 * into it comes from here, so nothing reaches it unlocked.
 */
@Component
public class DataDirectory {

    private final Path root;

    DataDirectory(ParleyProperties properties, DataFolderLock lock) {
        this.root = properties.dataDir();
        if (!lock.folder().equals(root)) {
            throw new IllegalStateException("The data folder " + root + " is not the locked one, " + lock.folder());
        }
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
