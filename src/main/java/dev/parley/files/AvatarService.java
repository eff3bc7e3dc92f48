package dev.parley.files;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.UnavailableException;
import dev.parley.files.FileRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' pictures: an upload goes through the files' checks (size counted while it streams, type from the content,
 * dimensions from the header before decoding) and becomes a {@value #SIZE} × {@value #SIZE} square of its centre,
 * stored in the {@link FileStore} as {@code avatars/{userId}-{version}.png} (or {@code .jpg}), a name made here: the
 * data folder's {@code avatars/}, or a bucket. Which picture a user has is {@link AccountService}'s: its version, which
 * every change increments.
 */
@Service
@Transactional
public class AvatarService {

    /** The side of a stored picture, in pixels. */
    public static final int SIZE = 256;

    /** The types a picture may be, whatever {@code parley.files.allowed-types} allows in rooms. */
    public static final List<String> TYPES = List.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private static final String NO_PICTURE = "No such picture";

    private static final Logger log = LoggerFactory.getLogger(AvatarService.class);
    private static final String PART_SUFFIX = FileStore.PART_SUFFIX;

    private final AccountService accounts;
    private final FileProperties properties;
    private final FileTypes types = new FileTypes(TYPES);
    private final FileStore store;
    private final Path staging;
    private final ImageDecoders decoders;
    private final Object[] locks = new Object[64];

    AvatarService(AccountService accounts, FileProperties properties, FileStore store, ImageDecoders decoders) {
        this.accounts = accounts;
        this.decoders = decoders;
        this.properties = properties;
        this.store = store;
        this.staging = store.staging(FileStore.AVATARS);
        Arrays.setAll(locks, i -> new Object());
        removeLeftovers();
    }

    /**
     * Makes the uploaded image the user's picture, in place of the one they had. No transaction or lock is held while
     * the upload is read and scaled; the new picture's file is in place before the version that names it is committed.
     *
     * @param fileName the name the client gave, only for messages and to check that the content matches it
     * @throws FileRefusedException when the upload is empty, too large, not a PNG, JPEG, GIF or WebP image (by its
     *     content), not what its name says, unreadable or over {@code parley.files.max-pixels}; nothing is kept
     * @throws NotAllowedException for a guest, unless {@code parley.guests.uploads} lets guests upload
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public UserSummary upload(UserId user, String fileName, InputStream content) {
        return upload(user, fileName, content, () -> {});
    }

    /**
     * Makes the uploaded image the user's picture, as {@link #upload(UserId, String, InputStream)} does; its centre is
     * decoded holding one of the server's {@link ImageDecoders}.
     *
     * @param waiting told once, on the uploading thread, when the picture has to wait for a decoder
     * @throws DecodersBusyException when no decoder came free within {@code parley.files.image-decoder-wait}
     * @throws UnavailableException when the bucket pictures are kept in cannot be reached; the old picture stays
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public UserSummary upload(UserId user, String fileName, InputStream content, Runnable waiting) {
        accounts.requireMayUpload(user);
        String name = FileNames.displayName(fileName);
        Path temp = null;
        Path square = null;
        try {
            temp = Files.createTempFile(staging, "upload-", PART_SUFFIX);
            long size = Uploads.copyAtMost(content, temp, properties.maxSize().toBytes(), name, count -> {});
            if (size == 0) {
                throw new FileRefusedException(Reason.EMPTY, name + " is empty");
            }
            String mediaType = detect(temp, name);
            square = Files.createTempFile(staging, "square-", PART_SUFFIX);
            String squareType = Images.square(
                            temp,
                            mediaType,
                            name,
                            properties.maxPixels(),
                            SIZE,
                            square,
                            new Images.Turn(decoders, waiting))
                    .mediaType();
            synchronized (lockOf(user)) {
                int from = accounts.avatarChanges(user);
                // A crash between storing a picture and committing its version may have left one under this name.
                deletePicture(user, from + 1);
                String target = key(user, from + 1, squareType);
                try {
                    store.put(square, target);
                } catch (IOException e) {
                    FileService.deleteQuietly(store, target);
                    throw e;
                }
                UserSummary changed;
                try {
                    changed = accounts.changeAvatar(user, from, true);
                } catch (RuntimeException e) {
                    FileService.deleteQuietly(store, target);
                    throw e;
                }
                deletePicture(user, from);
                return changed;
            }
        } catch (FileStore.UnreachableException e) {
            log.warn("Could not store the picture {}", name, e);
            throw new UnavailableException(
                    "Pictures cannot be stored right now: " + name + " was not stored. Try again in a minute");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the picture " + name, e);
        } finally {
            if (temp != null) {
                FileService.deleteQuietly(temp);
            }
            if (square != null) {
                FileService.deleteQuietly(square);
            }
        }
    }

    /** Takes the user's picture away: initials are shown again. Nothing happens when they have none. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public UserSummary remove(UserId user) {
        synchronized (lockOf(user)) {
            UserSummary current = accounts.summary(user);
            if (current.avatarVersion() == 0) {
                return current;
            }
            UserSummary changed = accounts.changeAvatar(user, current.avatarVersion(), false);
            deletePicture(user, current.avatarVersion());
            return changed;
        }
    }

    /**
     * The user's current picture, for any signed-in user (pictures are as public as names).
     *
     * @throws NotFoundException when the user has none, or does not exist
     * @throws UnavailableException when the bucket pictures are kept in cannot be reached
     */
    @Transactional(readOnly = true)
    public Picture open(UserId user) {
        int version = accounts.summary(user).avatarVersion();
        if (version == 0) {
            throw new NotFoundException(NO_PICTURE);
        }
        for (String mediaType : List.of("image/jpeg", "image/png")) {
            String key = key(user, version, mediaType);
            Optional<Resource> found;
            try {
                found = store.open(key);
            } catch (FileStore.UnreachableException e) {
                log.warn("Could not read the picture {}", key, e);
                throw new UnavailableException("Pictures cannot be read right now; try again in a minute");
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the picture " + key, e);
            }
            if (found.isPresent()) {
                try {
                    return new Picture(found.get(), mediaType, found.get().contentLength(), version);
                } catch (IOException e) {
                    // Replaced by a newer picture between finding it and reading its size.
                    throw new NotFoundException(NO_PICTURE);
                }
            }
        }
        throw new NotFoundException(NO_PICTURE);
    }

    /**
     * A user's picture as the avatar endpoint serves it.
     *
     * @param content its bytes in the {@link FileStore}, read when the answer is written
     * @param version the picture's version: the {@code ?v=} of its current URL
     */
    public record Picture(Resource content, String mediaType, long size, int version) {}

    /** The type from the content, among {@link #TYPES}; a type outside them is refused in words about pictures. */
    private String detect(Path upload, String name) throws IOException {
        try {
            return types.detect(upload, name);
        } catch (FileRefusedException e) {
            if (e.reason() == Reason.TYPE_NOT_ALLOWED) {
                throw new FileRefusedException(
                        Reason.TYPE_NOT_ALLOWED, name + ": a picture must be a PNG, JPEG, GIF or WebP image");
            }
            throw e;
        }
    }

    /**
     * One user's changes of picture happen one at a time, so that two uploads at once cannot both name their file by
     * the same next version; different users' changes rarely share a stripe.
     */
    private Object lockOf(UserId user) {
        return locks[(int) Math.floorMod(user.value(), (long) locks.length)];
    }

    private static String key(UserId user, int version, String mediaType) {
        String extension = mediaType.equals("image/png") ? ".png" : ".jpg";
        return FileStore.key(FileStore.AVATARS, user.value() + "-" + version + extension);
    }

    /**
     * Temporary files of uploads that a crash interrupted: at start-up no upload of this node is under way, and the
     * staging folder is the node's own.
     */
    private void removeLeftovers() {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(staging, "*" + PART_SUFFIX)) {
            parts.forEach(FileService::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the pictures' staging folder " + staging, e);
        }
    }

    /** Deletes a picture that is no longer the user's. */
    private void deletePicture(UserId user, int version) {
        if (version > 0) {
            FileService.deleteQuietly(store, key(user, version, "image/png"));
            FileService.deleteQuietly(store, key(user, version, "image/jpeg"));
        }
    }
}
