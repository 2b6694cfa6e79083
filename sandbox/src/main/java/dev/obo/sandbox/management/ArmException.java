package dev.obo.sandbox.management;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import dev.obo.sandbox.resource.ResourceException;

/** A call the ARM stand-in refuses, in ARM's words: HTTP status, error {@code code} and {@code message}. */
class ArmException extends ResourceException {

    ArmException(HttpStatus status, String code, String message) {
        this(status, code, message, null, null);
    }

    private ArmException(HttpStatus status, String code, String message, String wwwAuthenticate, String retryAfter) {
        super(status, code, message, wwwAuthenticate, retryAfter);
    }

    /** A 401 with ARM's {@code WWW-Authenticate} challenge (RFC 6750 section 3). */
    static ArmException unauthenticated(String code, String message, String authorizationUri) {
        String challenge = "Bearer authorization_uri=\"" + authorizationUri + "\", error=\"invalid_token\", error_description=\""
                + message.replace("\"", "'") + "\"";
        return new ArmException(HttpStatus.UNAUTHORIZED, code, message, challenge, null);
    }

    static ArmException throttled(HttpStatus status, String code, String message, Duration retryAfter) {
        return new ArmException(status, code, message, null, Long.toString(retryAfter.toSeconds()));
    }
}
