package dev.parley.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.DisposableBean;

/**
 * One Parley per data folder: an exclusive lock on {@code <data-dir>/parley.lock}, held from start-up, before anything
 * in the folder is opened, until the application has closed everything in it. The holder writes its process id into the
 * file, so that a refused start can say which process holds the folder.
 */
public final class DataFolderLock implements DisposableBean {

    /** The lock file's name in the data folder. */
    public static final String FILE = "parley.lock";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder when it is missing and takes its lock.
     *
     * @throws DataFolderInUseException when another process, or another application context of this one, holds it
     */
    static DataFolderLock acquire(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            // Never truncated before the lock is ours: the holder's process id must stay readable to a refused start.
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // File locks belong to the whole JVM: another application context of this process holds the folder.
                channel.close();
                throw new DataFolderInUseException(
                        folder,
                        file,
                        "this same process (" + ProcessHandle.current().pid() + ", another application context in it)");
            }
            if (lock == null) {
                String holder = holderOf(channel);
                channel.close();
                throw new DataFolderInUseException(folder, file, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataFolderLock(folder, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data folder " + folder + " (" + file + ")", e);
        }
    }

    /** The folder this lock holds. */
    public Path folder() {
        return folder;
    }

    /** Lets the folder go: called when the application context has closed everything else. */
    @Override
    public void destroy() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** "process 1234" as the holder wrote it, or a plainer description while it has not written it yet. */
    private static String holderOf(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(64);
        channel.read(content, 0);
        String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? "process " + pid : "a process that has just started";
    }
}
