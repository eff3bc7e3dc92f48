package dev.parley.files;

import dev.parley.files.FileRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Copying an upload to disk while counting it: a declared length is never trusted, the bytes are. */
final class Uploads {

    private Uploads() {}

    /**
     * Copies the content to {@code target}, stopping as soon as it is larger than {@code maxSize}.
     *
     * @param afterEach told the count so far after each chunk, before it is written; it may refuse by throwing
     * @return the number of bytes copied
     * @throws FileRefusedException {@link Reason#TOO_LARGE} past {@code maxSize}
     */
    static long copyAtMost(InputStream content, Path target, long maxSize, String name, LongConsumer afterEach)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = content.read(buffer)) != -1) {
                count += read;
                if (count > maxSize) {
                    throw new FileRefusedException(
                            Reason.TOO_LARGE,
                            name + " is too large; files can be at most " + Attachment.formatSize(maxSize));
                }
                afterEach.accept(count);
                out.write(buffer, 0, read);
            }
        }
        return count;
    }
}
