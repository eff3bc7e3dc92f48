package dev.parley.files;

import dev.parley.base.ParleyException;

/**
 * An upload, or a set of files for a message, that breaks a rule; the message names the file and the rule in plain
 * words, for showing next to the file. The REST API answers 413 for {@link Reason#TOO_LARGE} and
 * {@link Reason#QUOTA_REACHED}, 415 for {@link Reason#TYPE_NOT_ALLOWED} and {@link Reason#CONTENT_MISMATCH}, and 400
 * for the others.
 */
public class FileRefusedException extends ParleyException {

    /** Why a file was refused. */
    public enum Reason {
        /** Over {@code parley.files.max-size}. */
        TOO_LARGE,
        /** Its type, as its content shows, is not in {@code parley.files.allowed-types}. */
        TYPE_NOT_ALLOWED,
        /**
         * Its content is not what its name says (an HTML page named {@code .png}, a plain ZIP named {@code .docx}), an
         * image that cannot be read, or an archive that cannot be opened.
         */
        CONTENT_MISMATCH,
        /** An image whose declared dimensions exceed {@code parley.files.max-pixels}; it was never decoded. */
        TOO_MANY_PIXELS,
        /** It would take its uploader past {@code parley.files.quota}. */
        QUOTA_REACHED,
        /** More files for one message than {@code parley.files.max-files-per-message}. */
        TOO_MANY_FILES,
        /** No bytes at all. */
        EMPTY
    }

    private final Reason reason;

    public FileRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
