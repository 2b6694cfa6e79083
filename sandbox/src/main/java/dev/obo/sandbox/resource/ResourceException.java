package dev.obo.sandbox.resource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A call a resource stand-in refuses: HTTP status, the resource's error {@code code} and
 * {@code message}, and the headers that go with them, a {@code WWW-Authenticate} challenge
 * (RFC 6750 section 3) or a {@code Retry-After} (RFC 9110 section 10.2.3). Each stand-in has
 * its own subtype and renders the body in its own JSON.
 */
public abstract class ResourceException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String wwwAuthenticate;
    private final String retryAfter;

    protected ResourceException(HttpStatus status, String code, String message, String wwwAuthenticate, String retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.wwwAuthenticate = wwwAuthenticate;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The answer's status and headers, for the stand-in to add its body to. */
    public ResponseEntity.BodyBuilder response() {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (wwwAuthenticate != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate);
        }
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response;
    }
}
