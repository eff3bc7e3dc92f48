package dev.parley.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file that arrives with a message (a part of the REST API's multipart post), not read yet: its bytes are opened only
 * once everything that needs none of them has been checked.
 *
 * @param name the name the client gave
 * @param content opens the bytes; called at most once
 */
public record IncomingFile(String name, Content content) {

    /** Opens a file's bytes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
