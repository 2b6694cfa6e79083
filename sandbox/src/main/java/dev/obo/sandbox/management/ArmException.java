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

    /**
     * ARM's 401 for a CAE token a critical event revoked, with a claims challenge. Microsoft documents
     * {@code error="insufficient_claims"} (claims-challenge page), which the sandbox sends; ARM's own
     * answers in the Azure SDKs' fixtures say {@code error="invalid_token"} with the same {@code claims}.
     */
    static ArmException claimsChallenge(String message, String authorizationUri, String claims) {
        String challenge = "Bearer authorization_uri=\"" + authorizationUri + "\", error=\"insufficient_claims\", "
                + "error_description=\"User session has been revoked\", claims=\"" + claims + "\"";
        return new ArmException(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", message, challenge, null);
    }

    static ArmException throttled(HttpStatus status, String code, String message, Duration retryAfter) {
        return new ArmException(status, code, message, null, Long.toString(retryAfter.toSeconds()));
    }
}
