package dev.obo.sandbox.graph;

import org.springframework.http.HttpStatus;

import dev.obo.sandbox.tenant.AppIdentifiers;

/** A call the Graph stand-in refuses, in Graph's words: HTTP status, error {@code code} and {@code message}. */
class GraphException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String wwwAuthenticate;
    private final String retryAfter;

    GraphException(HttpStatus status, String code, String message) {
        this(status, code, message, null, null);
    }

    private GraphException(HttpStatus status, String code, String message, String wwwAuthenticate, String retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.wwwAuthenticate = wwwAuthenticate;
        this.retryAfter = retryAfter;
    }

    /**
     * Graph's 401, {@code InvalidAuthenticationToken}, with the challenge Graph sends (RFC 6750
     * section 3): its own client id and the authority to get a token from, no {@code error} parameter.
     */
    static GraphException unauthenticated(String message, String identityBase) {
        String challenge = "Bearer realm=\"\", authorization_uri=\"" + identityBase + "/common/oauth2/authorize\", client_id=\""
                + AppIdentifiers.GRAPH + "\"";
        return new GraphException(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", message, challenge, null);
    }

    static GraphException throttled(HttpStatus status, String code, String message, long retryAfterSeconds) {
        return new GraphException(status, code, message, null, Long.toString(retryAfterSeconds));
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
