package dev.parley.base;

/** The caller may see the thing but not do this to it (for example, post in a public room without joining). */
public class NotAllowedException extends ParleyException {

    public NotAllowedException(String message) {
        super(message);
    }
}
