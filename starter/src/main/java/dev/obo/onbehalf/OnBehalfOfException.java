package dev.obo.onbehalf;

/** On-Behalf-Of did not give a token; the subclass says why and what the caller can do. */
public class OnBehalfOfException extends RuntimeException {

    public OnBehalfOfException(String message) {
        super(message);
    }

    public OnBehalfOfException(String message, Throwable cause) {
        super(message, cause);
    }
}
