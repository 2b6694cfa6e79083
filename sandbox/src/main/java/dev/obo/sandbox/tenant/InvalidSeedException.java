package dev.obo.sandbox.tenant;

/** A seed file that is missing, does not parse, or contradicts itself; the message names the problem in one line. */
public class InvalidSeedException extends IllegalStateException {

    InvalidSeedException(String message) {
        super(message);
    }

    InvalidSeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
