package dev.parley.base;

/**
 * A write refused because the data folder's disk, or the database, is full; nothing of it was stored. It works again as
 * soon as space is freed, without a restart: the API answers 503, the views show the message and keep what was typed.
 */
public class StorageFullException extends UnavailableException {

    public StorageFullException(String message) {
        super(message);
    }
}
