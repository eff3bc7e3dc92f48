package dev.parley.files;

import dev.parley.files.FileStore.StoredObject;
import dev.parley.files.internal.StoredFileRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes uploads that no row refers to: objects a crash left between storing an upload and committing its row, and
 * staging files ({@code .part}) a crash left in the middle of writing one. A file is only a candidate once it is older
 * than {@code parley.files.orphan-grace-period}, so an upload in progress is never one; an object whose row is
 * committed is never removed, since rows are looked up after the store is listed. Each node sweeps the objects (with a
 * bucket, the same objects: removing one twice is harmless) and its own staging folder.
 */
@Component
class OrphanedFileSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanedFileSweeper.class);

    /** Storage names looked up in one query. */
    private static final int LOOKUP_CHUNK = 500;

    private final StoredFileRepository files;
    private final FileStore store;
    private final Duration gracePeriod;
    private final Clock clock;
    private final TransactionTemplate readTransaction;

    OrphanedFileSweeper(
            StoredFileRepository files,
            FileStore store,
            FileProperties properties,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.files = files;
        this.store = store;
        this.gracePeriod = properties.orphanGracePeriod();
        this.clock = clock;
        this.readTransaction = new TransactionTemplate(transactionManager);
        readTransaction.setReadOnly(true);
    }

    /** Every hour, starting a minute after start-up: files a crash just before it left are then found soon. */
    @Scheduled(fixedDelay = 60, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void sweep() {
        sweep(clock.instant().minus(gracePeriod));
    }

    /** Removes the objects and staging files last written before {@code cutoff} that no row refers to, each logged. */
    void sweep(Instant cutoff) {
        int removed = 0;
        long bytes = 0;
        for (Part part : partsWrittenBefore(cutoff)) {
            try {
                Files.deleteIfExists(part.file());
            } catch (IOException e) {
                log.warn("Could not remove {}, an upload a crash interrupted; the next sweep retries", part.file(), e);
                continue;
            }
            log.info("Removed {} ({} bytes): an upload a crash interrupted", part.file(), part.size());
            removed++;
            bytes += part.size();
        }
        List<StoredObject> candidates = objectsWrittenBefore(cutoff);
        Set<String> referred = referred(candidates);
        for (StoredObject candidate : candidates) {
            if (referred.contains(storageName(candidate.name()))) {
                continue;
            }
            String key = FileStore.key(FileStore.UPLOADS, candidate.name());
            try {
                store.delete(key);
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "Could not remove {} from {}, which no file row refers to; the next sweep retries",
                        key,
                        store.describe(),
                        e);
                continue;
            }
            log.info(
                    "Removed {} ({} bytes, last written {}) from {}: no file row refers to it",
                    key,
                    candidate.size(),
                    candidate.written(),
                    store.describe());
            removed++;
            bytes += candidate.size();
        }
        if (removed > 0) {
            log.info("Removed {} uploads ({} bytes) that no row referred to", removed, bytes);
        }
    }

    /** The storage names, among the candidates', that a row has. */
    private Set<String> referred(List<StoredObject> candidates) {
        List<String> names = candidates.stream()
                .map(candidate -> storageName(candidate.name()))
                .distinct()
                .toList();
        Set<String> referred = new HashSet<>();
        for (int from = 0; from < names.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + LOOKUP_CHUNK));
            List<String> found = readTransaction.execute(status -> files.findStorageNamesIn(chunk));
            if (found != null) {
                referred.addAll(found);
            }
        }
        return referred;
    }

    /** The store's uploads and thumbnails last written before {@code cutoff}. */
    private List<StoredObject> objectsWrittenBefore(Instant cutoff) {
        try {
            return store.list(FileStore.UPLOADS).stream()
                    .filter(object -> object.written().isBefore(cutoff))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the uploads of " + store.describe(), e);
        }
    }

    /** A staging file of an upload. */
    private record Part(Path file, long size) {}

    /** The staging folder's files of uploads ({@code .part}) last written before {@code cutoff}. */
    private List<Part> partsWrittenBefore(Instant cutoff) {
        Path staging = store.staging(FileStore.UPLOADS);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(staging, "*" + FileStore.PART_SUFFIX)) {
            List<Part> found = new ArrayList<>();
            for (Path part : parts) {
                BasicFileAttributes attributes = Files.readAttributes(part, BasicFileAttributes.class);
                if (attributes.isRegularFile()
                        && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    found.add(new Part(part, attributes.size()));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the staging folder of uploads " + staging, e);
        }
    }

    /** The storage name an object's row would have: a thumbnail's is its image's. */
    private static String storageName(String name) {
        if (name.endsWith(FileService.THUMBNAIL_SUFFIX)) {
            return name.substring(0, name.length() - FileService.THUMBNAIL_SUFFIX.length());
        }
        return name;
    }
}
