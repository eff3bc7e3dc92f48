package dev.parley.files;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.StorageFullException;
import dev.parley.base.StorageStatus;
import dev.parley.base.UnavailableException;
import dev.parley.base.WorkClaims;
import dev.parley.files.FileRefusedException.Reason;
import dev.parley.files.internal.StoredFileRepository;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Uploads, attaches, serves and deletes files, checking every byte and name as hostile and every read against the
 * room's current members. Files are kept in the {@link FileStore} (the data folder's {@code uploads/}, or a bucket)
 * under random names made here.
 */
@Service
@Transactional
public class FileService {

    /** The longest side of a thumbnail, in pixels. */
    public static final int THUMBNAIL_SIZE = 480;

    /** How long an upload may wait for its message before the sweep removes it. */
    public static final Duration PENDING_LIFETIME = Duration.ofHours(24);

    /** The answer for a file the caller may read while the store cannot be reached. */
    private static final String UNREACHABLE = "Files cannot be read right now; try again in a minute";

    /** The answer for a missing file and for one the caller may not read alike. */
    private static final String NO_SUCH_FILE = "No such file";

    /** An image's thumbnail is stored next to it, under its storage name with this suffix. */
    static final String THUMBNAIL_SUFFIX = ".thumb";

    /**
     * A file being written: stored under its storage name once complete ({@link OrphanedFileSweeper} removes strays).
     */
    static final String PART_SUFFIX = FileStore.PART_SUFFIX;

    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    private final WorkClaims claims;
    private final StoredFileRepository files;
    private final RoomGuard guard;
    private final AccountService accounts;
    private final FileProperties properties;
    private final FileTypes types;
    private final Clock clock;
    private final FileStore store;
    private final TransactionTemplate writeTransaction;
    private final TransactionTemplate readTransaction;
    private final StorageStatus storage;
    private final ImageDecoders decoders;
    private final SecureRandom random = new SecureRandom();

    FileService(
            StoredFileRepository files,
            RoomGuard guard,
            AccountService accounts,
            FileProperties properties,
            FileStore store,
            Clock clock,
            PlatformTransactionManager transactionManager,
            StorageStatus storage,
            ImageDecoders decoders,
            WorkClaims claims) {
        this.files = files;
        this.claims = claims;
        this.decoders = decoders;
        this.storage = storage;
        this.guard = guard;
        this.accounts = accounts;
        this.properties = properties;
        this.types = new FileTypes(properties.allowedTypes());
        this.clock = clock;
        this.store = store;
        this.writeTransaction = new TransactionTemplate(transactionManager);
        this.readTransaction = new TransactionTemplate(transactionManager);
        readTransaction.setReadOnly(true);
        // Registers the WebP reader from the application's class loader, which a packaged jar's ImageIO may not scan.
        ImageIO.scanForPlugins();
    }

    /** Whether the user may upload files at all: what shows or hides the paperclip (guests, by configuration). */
    public boolean mayUpload(UserId actor) {
        return accounts.mayUpload(actor);
    }

    /**
     * Stores an upload as {@link #upload(UserId, RoomId, String, InputStream, Runnable)} does, waiting for a decoder
     * without saying so.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Attachment upload(UserId actor, RoomId room, String fileName, InputStream content) {
        return upload(actor, room, fileName, content, () -> {});
    }

    /**
     * Stores an upload as a pending file of the room, to be attached to the user's next message there. Who may upload
     * and the quota are checked before a byte is read; then the content is streamed to a staging file and counted (a
     * declared length is never trusted), its type decided from its bytes, an image's dimensions checked from its
     * header, and only then is it decoded for its thumbnail, holding one of the server's {@link ImageDecoders}. The
     * file and its thumbnail are then stored in the {@link FileStore}, and only then is its row inserted. No
     * transaction is held meanwhile: only the final insert writes to the database.
     *
     * @param fileName the name the client gave; kept only as a sanitized display name
     * @param waiting told once, on the uploading thread, when the image has to wait for a decoder (every one is busy)
     * @throws NotFoundException when the room is not visible to the user
     * @throws NotAllowedException when it is a public room the user has not joined, or the user is a guest and
     *     {@code parley.guests.uploads} does not let guests upload
     * @throws FileRefusedException when the file breaks a rule; nothing of it is kept
     * @throws DecodersBusyException when an image found no free decoder within {@code parley.files.image-decoder-wait};
     *     nothing of it is kept
     * @throws StorageFullException when the disk or the database is full; nothing of it is kept
     * @throws UnavailableException when the bucket files are kept in cannot be reached; nothing of it is kept
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Attachment upload(UserId actor, RoomId room, String fileName, InputStream content, Runnable waiting) {
        String name = FileNames.displayName(fileName);
        guard.requirePoster(actor, room);
        accounts.requireMayUpload(actor);
        long used = bytesStoredBy(actor);
        requireQuotaFor(name, used, 0);
        List<Path> written = new ArrayList<>(2);
        List<String> keys = new ArrayList<>(2);
        boolean stored = false;
        Path staging = store.staging(FileStore.UPLOADS);
        try {
            Path temp = Files.createTempFile(staging, "upload-", PART_SUFFIX);
            written.add(temp);
            long size = copyCounting(content, temp, name, used);
            if (size == 0) {
                throw new FileRefusedException(Reason.EMPTY, name + " is empty");
            }
            String mediaType = types.detect(temp, name);
            Images.@Nullable Thumbnail thumbnail = null;
            Path thumbnailTemp = null;
            if (FileTypes.rasterImage(mediaType)) {
                thumbnailTemp = Files.createTempFile(staging, "thumb-", PART_SUFFIX);
                written.add(thumbnailTemp);
                thumbnail = Images.thumbnail(
                        temp,
                        mediaType,
                        name,
                        properties.maxPixels(),
                        THUMBNAIL_SIZE,
                        thumbnailTemp,
                        new Images.Turn(decoders, waiting));
            }
            String storageName = HexFormat.of().formatHex(bytes(16));
            // Listed before they are stored: a store that fails halfway may have kept an object all the same.
            keys.add(key(storageName));
            store.put(temp, key(storageName));
            if (thumbnail != null && thumbnailTemp != null) {
                keys.add(thumbnailKey(storageName));
                store.put(thumbnailTemp, thumbnailKey(storageName));
            }
            StoredFile file = new StoredFile(
                    actor,
                    room,
                    name,
                    mediaType,
                    size,
                    thumbnail == null ? 0 : thumbnail.width(),
                    thumbnail == null ? 0 : thumbnail.height(),
                    storageName,
                    thumbnail == null ? null : thumbnail.mediaType(),
                    clock.instant());
            Attachment attachment;
            try {
                attachment = writeTransaction.execute(status -> {
                    // Checked again where writes are serialized: two uploads at once cannot both slip under the quota.
                    requireQuotaFor(name, files.bytesStoredBy(actor.value()), size);
                    return files.save(file).toAttachment();
                });
            } catch (RuntimeException e) {
                throw storage.refused(e, notStored(name));
            }
            stored = true;
            storage.stored();
            return attachment;
        } catch (FileStore.UnreachableException e) {
            log.warn("Could not store the upload {}", name, e);
            throw new UnavailableException(
                    "Files cannot be stored right now: " + name + " was not stored. Try again in a minute");
        } catch (IOException e) {
            throw storage.refused(new UncheckedIOException("Could not store the upload " + name, e), notStored(name));
        } finally {
            if (!stored) {
                written.forEach(FileService::deleteQuietly);
                keys.forEach(key -> deleteQuietly(store, key));
            }
        }
    }

    /** What an upload refused for lack of space answers. */
    private static String notStored(String name) {
        return "Storage is full: " + name + " was not stored";
    }

    /**
     * Removes one of the user's pending uploads (the composer's "remove" before sending): its row now, its bytes once
     * the transaction commits.
     *
     * @throws NotFoundException when it is not a pending upload of this user
     */
    public void discard(UserId actor, FileId id) {
        StoredFile file = files.findById(id.value())
                .filter(f -> f.pending() && f.uploaderId().equals(actor))
                .orElseThrow(FileService::noSuchFile);
        files.delete(file);
        removeAfterCommit(List.of(file));
    }

    /**
     * Makes the user's pending uploads the files of their new message, in the given order; joins the caller's
     * transaction (posting the message), so that the message and its files appear together or not at all.
     *
     * @throws FileRefusedException {@link Reason#TOO_MANY_FILES} over {@code parley.files.max-files-per-message}
     * @throws NotFoundException when one is not a pending upload of this user for this room (another user's, one
     *     already attached, one swept away, one for another room)
     */
    public List<Attachment> attach(UserId actor, RoomId room, long messageId, List<FileId> fileIds) {
        List<FileId> distinct = fileIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        requireFileCount(distinct.size());
        for (int i = 0; i < distinct.size(); i++) {
            // One conditional update each: of two posts racing for the same upload, only one can take it.
            if (files.attach(distinct.get(i).value(), actor.value(), room.value(), messageId, i) != 1) {
                throw noSuchFile();
            }
        }
        return files.findByMessageId(messageId).stream()
                .sorted((a, b) -> Integer.compare(a.sortOrder(), b.sortOrder()))
                .map(StoredFile::toAttachment)
                .toList();
    }

    /**
     * Checks that one message may carry this many files, before any of them is uploaded.
     *
     * @throws FileRefusedException {@link Reason#TOO_MANY_FILES} over {@code parley.files.max-files-per-message}
     */
    public void requireFileCount(int count) {
        if (count > properties.maxFilesPerMessage()) {
            throw new FileRefusedException(
                    Reason.TOO_MANY_FILES,
                    "A message can have at most " + properties.maxFilesPerMessage() + " files; this one has " + count);
        }
    }

    /**
     * The files of these messages, each message's in the order they were attached, in one query: for a page of history.
     * Messages without files are not in the map. No access check: the caller has checked the room.
     */
    @Transactional(readOnly = true)
    public Map<Long, List<Attachment>> attachmentsOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Attachment>> result = new LinkedHashMap<>();
        for (StoredFile file : files.findByMessageIds(messageIds)) {
            Long message = file.messageId();
            if (message != null) {
                result.computeIfAbsent(message, m -> new ArrayList<>()).add(file.toAttachment());
            }
        }
        return result;
    }

    /**
     * Deletes the files of a message that is being deleted: their rows in the caller's transaction, their bytes once it
     * commits (a rollback keeps both). No access check: the caller has checked that the user may delete it.
     */
    public void deleteAllOf(long messageId) {
        List<StoredFile> attached = files.findByMessageId(messageId);
        if (!attached.isEmpty()) {
            files.deleteAll(attached);
            removeAfterCommit(attached);
        }
    }

    /**
     * Deletes every file of a room that is being deleted, sent or pending: their rows in the caller's transaction (one
     * statement), their bytes once it commits. No access check: the caller has checked that the user may delete the
     * room.
     */
    public void deleteAllOfRoom(RoomId room) {
        List<StoredFile> all = files.findByRoomId(room.value());
        if (!all.isEmpty()) {
            files.deleteByRoomId(room.value());
            removeAfterCommit(all);
        }
    }

    /**
     * A file, or its thumbnail, for download. Only a current member of the file's room may read a file of a message (a
     * public room too: whoever left gets nothing), and only its uploader a pending upload.
     *
     * @throws NotFoundException ("No such file") when it does not exist, the user may not read it, or a thumbnail is
     *     asked of a file that has none: all the same answer
     * @throws UnavailableException when the user may read it but the bucket it is kept in cannot be reached
     */
    @Transactional(readOnly = true)
    public FileContent open(UserId actor, FileId id, boolean thumbnail) {
        StoredFile file = files.findById(id.value()).orElseThrow(FileService::noSuchFile);
        if (!mayRead(actor, file)) {
            throw noSuchFile();
        }
        String key;
        String mediaType;
        boolean inline;
        if (thumbnail) {
            String thumbnailType = file.thumbnailType();
            if (thumbnailType == null) {
                throw noSuchFile();
            }
            key = thumbnailKey(file.storageName());
            mediaType = thumbnailType;
            inline = true;
        } else {
            key = key(file.storageName());
            mediaType = file.mediaType();
            inline = FileTypes.rasterImage(mediaType);
        }
        Resource content;
        try {
            // Empty when removed after its message's deletion committed, between the query and here.
            content = store.open(key).orElseThrow(FileService::noSuchFile);
        } catch (FileStore.UnreachableException e) {
            log.warn("Could not read {} ({})", key, file.name(), e);
            throw new UnavailableException(UNREACHABLE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key + " (" + file.name() + ")", e);
        }
        try {
            return new FileContent(content, mediaType, file.name(), content.contentLength(), inline);
        } catch (IOException e) {
            // Removed from disk between finding it and reading its size.
            throw noSuchFile();
        }
    }

    /**
     * Every hour: removes uploads that no message took within {@link #PENDING_LIFETIME}; on one node of a cluster each
     * time.
     */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void sweepExpired() {
        if (claims.claim("files:sweep-pending", Duration.ofMinutes(50))) {
            sweepPending(clock.instant().minus(PENDING_LIFETIME));
        }
    }

    /**
     * Removes the pending uploads created before {@code cutoff}: rows now, bytes after commit. (Files that a crash left
     * without a row are {@link OrphanedFileSweeper}'s.)
     *
     * @return how many pending uploads it removed
     */
    public int sweepPending(Instant cutoff) {
        List<StoredFile> expired = files.findPendingCreatedBefore(cutoff);
        files.deleteAll(expired);
        removeAfterCommit(expired);
        return expired.size();
    }

    private boolean mayRead(UserId actor, StoredFile file) {
        if (file.pending()) {
            return file.uploaderId().equals(actor);
        }
        try {
            return guard.access(actor, file.roomId()).member();
        } catch (NotFoundException e) {
            return false;
        }
    }

    private long bytesStoredBy(UserId actor) {
        if (properties.quota() == null) {
            return 0;
        }
        Long used = readTransaction.execute(status -> files.bytesStoredBy(actor.value()));
        return used == null ? 0 : used;
    }

    /** Refuses when {@code adding} more bytes would take the user past the quota (or it is already used up). */
    private void requireQuotaFor(String name, long used, long adding) {
        DataSize quota = properties.quota();
        if (quota == null) {
            return;
        }
        long limit = quota.toBytes();
        if (used >= limit) {
            throw new FileRefusedException(
                    Reason.QUOTA_REACHED,
                    "Your storage is full: you have used " + Attachment.formatSize(used) + " of "
                            + Attachment.formatSize(limit) + ", so " + name + " cannot be added");
        }
        if (used + adding > limit) {
            throw new FileRefusedException(
                    Reason.QUOTA_REACHED,
                    "Your storage is full: " + name + " would take you past " + Attachment.formatSize(limit)
                            + " (you have used " + Attachment.formatSize(used) + ")");
        }
    }

    /** Copies the content to {@code target}, stopping as soon as it is too large for the limit or the quota. */
    private long copyCounting(InputStream content, Path target, String name, long used) throws IOException {
        return Uploads.copyAtMost(
                content, target, properties.maxSize().toBytes(), name, count -> requireQuotaFor(name, used, count));
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String key(String storageName) {
        return FileStore.key(FileStore.UPLOADS, storageName);
    }

    private static String thumbnailKey(String storageName) {
        return key(storageName + THUMBNAIL_SUFFIX);
    }

    /** Deletes the files' bytes once the current transaction commits, or now when there is none. */
    private void removeAfterCommit(List<StoredFile> removed) {
        if (removed.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(removed.size() * 2);
        for (StoredFile file : removed) {
            keys.add(key(file.storageName()));
            if (file.thumbnailType() != null) {
                keys.add(thumbnailKey(file.storageName()));
            }
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keys.forEach(key -> deleteQuietly(store, key));
                }
            });
        } else {
            keys.forEach(key -> deleteQuietly(store, key));
        }
    }

    /**
     * Deletes an object; a failure is logged, since its row is gone already (or was never written) and nothing can
     * serve it any more: the sweep of orphaned files removes it once it is older than the grace period.
     */
    static void deleteQuietly(FileStore store, String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Could not delete {} from {}; it is no longer reachable, and the sweep of orphaned files retries",
                    key,
                    store.describe(),
                    e);
        }
    }

    /** Deletes a file; a failure is logged, since the row is gone already and nothing can serve the bytes any more. */
    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}; it is no longer reachable and can be removed by hand", path, e);
        }
    }

    private static NotFoundException noSuchFile() {
        return new NotFoundException(NO_SUCH_FILE);
    }
}
