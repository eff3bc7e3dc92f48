package dev.parley.base;

import java.nio.file.Path;

/** Start-up refused: another Parley holds the data folder's lock. */
public class DataFolderInUseException extends RuntimeException {

    private final Path folder;

    DataFolderInUseException(Path folder, Path lockFile, String holder) {
        super("The data folder " + folder + " is in use by another Parley: " + holder + " holds its lock " + lockFile);
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }
}
