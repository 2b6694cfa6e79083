package dev.obo.sandbox.managedidentity;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A token request the managed identity endpoint refuses, in IMDS's words: HTTP status,
 * {@code error} and {@code error_description}, and a {@code Retry-After} for a throttled or
 * unavailable answer.
 */
class ImdsException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final Duration retryAfter;

    ImdsException(HttpStatus status, String error, String description) {
        this(status, error, description, null);
    }

    ImdsException(HttpStatus status, String error, String description, Duration retryAfter) {
        super(description);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    static ImdsException invalidRequest(String description) {
        return new ImdsException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }
}
