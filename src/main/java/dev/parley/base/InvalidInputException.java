package dev.parley.base;

/** Input that breaks a rule, with the rule in the message. */
public class InvalidInputException extends ParleyException {

    public InvalidInputException(String message) {
        super(message);
    }
}
