package dev.parley.base;

/** A failure whose message is meant for the user: views show it, the REST API returns it as {@code {"error"}}. */
public abstract class ParleyException extends RuntimeException {

    protected ParleyException(String message) {
        super(message);
    }
}
