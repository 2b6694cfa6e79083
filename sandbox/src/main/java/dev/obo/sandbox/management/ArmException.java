package dev.obo.sandbox.management;

import org.springframework.http.HttpStatus;

/** A call the ARM stand-in refuses, in ARM's words: HTTP status, error {@code code} and {@code message}. */
class ArmException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String wwwAuthenticate;
    private final String retryAfter;

    ArmException(HttpStatus status, String code, String message) {
        this(status, code, message, null, null);
    }

    private ArmException(HttpStatus status, String code, String message, String wwwAuthenticate, String retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.wwwAuthenticate = wwwAuthenticate;
        this.retryAfter = retryAfter;
    }

    /** A 401 with ARM's {@code WWW-Authenticate} challenge (RFC 6750 section 3). */
    static ArmException unauthenticated(String code, String message, String authorizationUri) {
        String challenge = "Bearer authorization_uri=\"" + authorizationUri + "\", error=\"invalid_token\", error_description=\""
                + message.replace("\"", "'") + "\"";
        return new ArmException(HttpStatus.UNAUTHORIZED, code, message, challenge, null);
    }

    static ArmException throttled(HttpStatus status, String code, String message, long retryAfterSeconds) {
        return new ArmException(status, code, message, null, Long.toString(retryAfterSeconds));
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    String wwwAuthenticate() {
        return wwwAuthenticate;
    }

    String retryAfter() {
        return retryAfter;
    }
}
