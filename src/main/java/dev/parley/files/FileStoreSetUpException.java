package dev.parley.files;

/** The bucket that {@code parley.files.s3.*} names cannot be used as set up; the message says what to change. */
class FileStoreSetUpException extends RuntimeException {

    FileStoreSetUpException(String message, Throwable cause) {
        super(message, cause);
    }
}
