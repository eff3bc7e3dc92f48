package dev.parley.base;

/** The thing existed but is no longer usable, such as an expired, used-up or revoked invite link. */
public class GoneException extends ParleyException {

    public GoneException(String message) {
        super(message);
    }
}
