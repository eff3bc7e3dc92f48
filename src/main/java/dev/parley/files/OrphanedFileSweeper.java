package dev.parley.files;

import dev.parley.base.DataDirectory;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes files from the uploads folder that no row refers to: what a crash left between writing an upload and
 * committing its row, or in the middle of writing it ({@code .part}). A file is only a candidate once it is older than
 * {@code parley.files.orphan-grace-period}, so an upload in progress is never one; a file whose row is committed is
 * never removed, since rows are looked up after the folder is listed.
 */
@Component
class OrphanedFileSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanedFileSweeper.class);

    /** Storage names looked up in one query. */
    private static final int LOOKUP_CHUNK = 500;

    private final StoredFileRepository files;
    private final Path uploads;
    private final Duration gracePeriod;
    private final Clock clock;
    private final TransactionTemplate readTransaction;

    OrphanedFileSweeper(
            StoredFileRepository files,
            DataDirectory dataDirectory,
            FileProperties properties,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.files = files;
        this.uploads = dataDirectory.resolve("uploads");
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

    /** Removes the files last written before {@code cutoff} that no row refers to, each logged. */
    void sweep(Instant cutoff) {
        List<Candidate> candidates = filesWrittenBefore(cutoff);
        Set<String> referred = new HashSet<>();
        List<String> names = candidates.stream()
                .map(Candidate::storageName)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        for (int from = 0; from < names.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + LOOKUP_CHUNK));
            List<String> found = readTransaction.execute(status -> files.findStorageNamesIn(chunk));
            if (found != null) {
                referred.addAll(found);
            }
        }
        int removed = 0;
        long bytes = 0;
        for (Candidate candidate : candidates) {
            if (candidate.storageName() != null && referred.contains(candidate.storageName())) {
                continue;
            }
            try {
                Files.deleteIfExists(candidate.file());
            } catch (IOException e) {
                log.warn(
                        "Could not remove {}, which no file row refers to; the next sweep retries",
                        candidate.file(),
                        e);
                continue;
            }
            log.info(
                    "Removed {} ({} bytes, last written {}): no file row refers to it",
                    candidate.file(),
                    candidate.size(),
                    candidate.written());
            removed++;
            bytes += candidate.size();
        }
        if (removed > 0) {
            log.info("Removed {} files ({} bytes) from {} that no row referred to", removed, bytes, uploads);
        }
    }

    /**
     * A file of the uploads folder old enough to be swept if no row refers to it.
     *
     * @param storageName the storage name its row would have; null for a part file, which no row ever has
     */
    private record Candidate(Path file, @Nullable String storageName, long size, Instant written) {}

    /** The regular files of the uploads folder last written before {@code cutoff}. */
    private List<Candidate> filesWrittenBefore(Instant cutoff) {
        List<Candidate> found = new ArrayList<>();
        try (DirectoryStream<Path> folder = Files.newDirectoryStream(uploads)) {
            for (Path file : folder) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Instant written = attributes.lastModifiedTime().toInstant();
                if (attributes.isRegularFile() && written.isBefore(cutoff)) {
                    found.add(new Candidate(
                            file, storageName(file.getFileName().toString()), attributes.size(), written));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the uploads folder " + uploads, e);
        }
        return found;
    }

    private static @Nullable String storageName(String fileName) {
        if (fileName.endsWith(FileService.PART_SUFFIX)) {
            return null;
        }
        if (fileName.endsWith(FileService.THUMBNAIL_SUFFIX)) {
            return fileName.substring(0, fileName.length() - FileService.THUMBNAIL_SUFFIX.length());
        }
        return fileName;
    }
}
