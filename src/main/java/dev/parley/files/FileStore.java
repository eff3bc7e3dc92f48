package dev.parley.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Where uploads, their thumbnails and users' pictures are kept once they are complete: the data folder (the default,
 * {@link DataFolderStore}) or an S3-compatible bucket that every node of a cluster shares ({@link S3FileStore}).
 * Objects have keys made here, {@code uploads/<storage name>} and {@code avatars/<user>-<version>.png}, the data
 * folder's layout. A file is always written to a local staging folder first, where its size is counted, its type
 * decided and its image decoded, and is stored only when complete; its database row is written after that.
 */
public interface FileStore {

    /** The area of uploads and their thumbnails. */
    String UPLOADS = "uploads";

    /** The area of users' pictures. */
    String AVATARS = "avatars";

    /** A file being written in a staging folder; never an object's name, so that a sweep can tell them apart. */
    String PART_SUFFIX = ".part";

    /**
     * The local folder where a file bound for {@code area} is written before it is stored: for the data folder the
     * area's own folder (so that storing is a rename), for a bucket a folder of the node's data folder.
     */
    Path staging(String area);

    /**
     * Stores a complete file of a staging folder as the object {@code key}, in place of any object of that key. The
     * file is taken: once this returns it is no longer in the staging folder.
     *
     * @throws IOException when it could not be stored; an object of that key may then exist or not
     */
    void put(Path file, String key) throws IOException;

    /**
     * The object {@code key}, to be read as many times as asked (its {@link Resource#contentLength()} is its size), or
     * empty when there is none.
     *
     * @throws IOException when the store cannot be read ({@link UnreachableException}: a bucket out of reach), which is
     *     not the same as no object
     */
    Optional<Resource> open(String key) throws IOException;

    /** Deletes the object {@code key}; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** The objects of {@code area} (never the staging folder's files), for the sweep of orphaned files. */
    List<StoredObject> list(String area) throws IOException;

    /** Where the objects are, for logs and messages; never a secret. */
    String describe();

    /**
     * An object of an area.
     *
     * @param name its name within the area: the key less {@code <area>/}
     * @param written when it was last written, as the store keeps it (a bucket: to the second, or the millisecond)
     */
    record StoredObject(String name, long size, Instant written) {}

    /**
     * The store cannot be reached now (a bucket's server down or cut off from this node): the same request may work in
     * a moment, so callers answer "try again", not a server error.
     */
    final class UnreachableException extends IOException {

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The key of an object of {@code area}. */
    static String key(String area, String name) {
        return area + "/" + name;
    }
}
