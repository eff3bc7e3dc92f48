package dev.parley.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Whether the data folder's disk is full. A write refused for lack of space ({@link #refused}) makes it full until a
 * write succeeds again ({@link #stored}) or space is freed; below {@code parley.storage.min-free-space} it is nearly
 * full. The health endpoint and the Administration page show it (docs/design-decisions/2026-12-07-full-disk.md).
 */
@Component
public class StorageStatus {

    /** How much must be freed, at the least, after a refusal before the disk counts as no longer full. */
    private static final long FREED_AT_LEAST = 1024 * 1024;

    /**
     * What the operating system (ENOSPC, EDQUOT) and the databases say when a write finds no room, in the messages of
     * exceptions that wrap them (Lucene's, H2's) as much as in an {@link IOException}'s own.
     */
    private static final List<String> NO_SPACE =
            List.of("No space left on device", "Disk quota exceeded", "database or disk is full");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static final Logger log = LoggerFactory.getLogger(StorageStatus.class);

    private final Path folder;
    private final long minFreeBytes;
    private final Clock clock;
    private final AtomicReference<@Nullable Refusal> refusal = new AtomicReference<>();

    public StorageStatus(ParleyProperties parley, StorageProperties properties, Clock clock) {
        this.folder = parley.dataDir();
        this.minFreeBytes = properties.minFreeSpace().toBytes();
        this.clock = clock;
    }

    /** The first write refused since the last one that succeeded, and the free space then. */
    private record Refusal(Instant at, long freeBytes) {}

    /**
     * The data folder's disk now.
     *
     * @param fullSince when writes began to be refused for lack of space, or null while they are not
     */
    public record Snapshot(
            Path folder,
            long freeBytes,
            long totalBytes,
            long minFreeBytes,
            @Nullable Instant fullSince) {

        /** Writes are refused for lack of space. */
        public boolean full() {
            return fullSince != null;
        }

        /** Less free space than {@code parley.storage.min-free-space}: writes may soon be refused. */
        public boolean low() {
            return freeBytes < minFreeBytes;
        }

        /**
         * What an operator needs to know, in one or two sentences. Without the folder's path: the health check, open to
         * anyone, says it too.
         */
        public String describe() {
            String space = ByteSizes.format(freeBytes) + " free of " + ByteSizes.format(totalBytes)
                    + " on the data folder's disk";
            if (fullSince != null) {
                return "The disk is full: new messages and files have been refused since " + TIME.format(fullSince)
                        + " UTC. " + space + ". Free space there: writing resumes by itself, without a restart.";
            }
            if (low()) {
                return "The disk is nearly full: " + space + ", less than the " + ByteSizes.format(minFreeBytes)
                        + " below which Parley warns. Free space there before new messages and files are refused.";
            }
            return space + ".";
        }
    }

    /**
     * Whether a failure is a write that found no room: SQLite's SQLITE_FULL (the disk, or the database's page limit),
     * or the operating system's "No space left on device" or "Disk quota exceeded", anywhere in its causes.
     */
    public static boolean isStorageFull(Throwable failure) {
        return noRoom(failure, Collections.newSetFromMap(new IdentityHashMap<>())) != null;
    }

    /** The exception among a failure's causes that says there was no room, or null. */
    private static @Nullable Throwable noRoom(@Nullable Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return null;
        }
        if (failure instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
            return failure;
        }
        String message = failure.getMessage();
        if (message != null && NO_SPACE.stream().anyMatch(message::contains)) {
            return failure;
        }
        // A rollback that failed after the write hides the write's failure among its suppressed exceptions.
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable found = noRoom(suppressed, seen);
            if (found != null) {
                return found;
            }
        }
        return noRoom(failure.getCause(), seen);
    }

    /**
     * The exception to throw for a write that failed: when it failed for lack of space, a {@link StorageFullException}
     * saying {@code notStored}, and the disk counts as full from now on; otherwise the failure itself.
     */
    public RuntimeException refused(RuntimeException failure, String notStored) {
        Throwable noRoom = noRoom(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (noRoom == null) {
            return failure;
        }
        if (refusal.compareAndSet(null, new Refusal(clock.instant(), freeBytesNow()))) {
            log.warn(
                    "The data folder's disk is full ({}): new messages and files are refused until space is freed on"
                            + " {}; writing resumes by itself",
                    noRoom.getMessage(),
                    folder);
        }
        StorageFullException full = new StorageFullException(notStored);
        full.initCause(failure);
        return full;
    }

    /** A write succeeded: the disk is no longer full, if it was. */
    public void stored() {
        // Read first: this runs after every batch of posts, and a write to the shared field would cost each of them.
        if (refusal.get() != null && refusal.getAndSet(null) != null) {
            log.info("Writing to the data folder {} succeeds again", folder);
        }
    }

    /** The disk now; reads the file system's free space. */
    public Snapshot snapshot() {
        long free;
        long total;
        try {
            FileStore store = Files.getFileStore(folder);
            free = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the free space of the data folder " + folder, e);
        }
        Refusal refused = refusal.get();
        if (refused != null && free >= refused.freeBytes() + Math.max(minFreeBytes, FREED_AT_LEAST)) {
            // Space was freed since: the next write will find room, so the disk is not called full while nobody writes.
            if (refusal.compareAndSet(refused, null)) {
                log.info(
                        "Space was freed on the data folder's disk ({} free on {}): no longer full",
                        ByteSizes.format(free),
                        folder);
            }
            refused = null;
        }
        return new Snapshot(folder, free, total, minFreeBytes, refused == null ? null : refused.at());
    }

    private long freeBytesNow() {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            // Counted as nothing free: freeing the configured minimum then counts as recovered.
            log.warn("Cannot read the free space of the data folder {}", folder, e);
            return 0;
        }
    }
}
