package dev.parley.base;

/** Something that works again shortly (the search index while it is being built); the API answers 503. */
public class UnavailableException extends ParleyException {

    public UnavailableException(String message) {
        super(message);
    }
}
