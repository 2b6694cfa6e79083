package dev.obo.sandbox.graph;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import dev.obo.sandbox.resource.ResourceException;
import dev.obo.sandbox.tenant.AppIdentifiers;

/** A call the Graph stand-in refuses, in Graph's words: HTTP status, error {@code code} and {@code message}. */
class GraphException extends ResourceException {

    GraphException(HttpStatus status, String code, String message) {
        this(status, code, message, null, null);
    }

    private GraphException(HttpStatus status, String code, String message, String wwwAuthenticate, String retryAfter) {
        super(status, code, message, wwwAuthenticate, retryAfter);
    }

    /**
     * Graph's 401, {@code InvalidAuthenticationToken}, with the challenge Graph sends (RFC 6750
     * section 3): its own client id and the authority to get a token from, no {@code error} parameter.
     */
    static GraphException unauthenticated(String message, String identityBase) {
        return new GraphException(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", message, challenge(identityBase), null);
    }

    /**
     * Graph's 401 for a CAE token a critical event revoked: its challenge with {@code error="insufficient_claims"}
     * and the base64 {@code claims}, as Microsoft's claims-challenge page and Graph's own answers have it.
     */
    static GraphException claimsChallenge(String message, String identityBase, String claims) {
        return new GraphException(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", message,
                challenge(identityBase) + ", error=\"insufficient_claims\", claims=\"" + claims + "\"", null);
    }

    private static String challenge(String identityBase) {
        return "Bearer realm=\"\", authorization_uri=\"" + identityBase + "/common/oauth2/authorize\", client_id=\""
                + AppIdentifiers.GRAPH + "\"";
    }

    static GraphException throttled(HttpStatus status, String code, String message, Duration retryAfter) {
        return new GraphException(status, code, message, null, Long.toString(retryAfter.toSeconds()));
    }
}
