package dev.parley.base;

/** The input clashes with what exists, such as a username that is taken. */
public class ConflictException extends ParleyException {

    public ConflictException(String message) {
        super(message);
    }
}
