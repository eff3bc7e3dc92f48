package dev.parley.base;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another process holding a data folder, for {@link DataFolderLockTest}: takes the folder's lock, says "locked" on its
 * standard output, and keeps the lock until its standard input closes or it is stopped.
 */
final class DataFolderHolder {

    private DataFolderHolder() {}

    public static void main(String[] args) throws IOException {
        DataFolderLock lock = DataFolderLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() != -1) {
            // Reads until the parent closes the pipe: holding the lock is all this process is for.
        }
        lock.destroy();
    }
}
