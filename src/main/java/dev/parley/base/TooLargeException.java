package dev.parley.base;

/** Input over a size limit (the REST API answers 413). */
public class TooLargeException extends InvalidInputException {

    public TooLargeException(String message) {
        super(message);
    }
}
