package dev.parley.base;

/**
 * Something does not exist, or the caller may not know that it exists: a private room answers exactly like a missing
 * one.
 */
public class NotFoundException extends ParleyException {

    public NotFoundException(String message) {
        super(message);
    }
}
