package dev.obo.sandbox.graph;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.jose.InvalidTokenException;
import dev.obo.sandbox.resource.CaeChallenge;
import dev.obo.sandbox.resource.ResourceErrors;

/**
 * Graph's words for a caller it refuses and for the faults the sandbox injects, as Microsoft
 * Graph answers: {@code InvalidAuthenticationToken} with Graph's messages (401, with Graph's
 * challenge naming the identity side, or a CAE claims challenge), {@code TooManyRequests}, {@code serviceNotAvailable},
 * {@code generalException}.
 */
@Component
class GraphErrors implements ResourceErrors {

    private final TenantUrls urls;

    GraphErrors(TenantUrls urls) {
        this.urls = urls;
    }

    // Graph reads anything but "Bearer <token>" as no token at all.
    @Override
    public GraphException missingToken() {
        return unauthenticated("Access token is empty.");
    }

    @Override
    public GraphException notBearer() {
        return missingToken();
    }

    @Override
    public GraphException invalidToken(InvalidTokenException reason) {
        return unauthenticated(switch (reason.kind()) {
            case EXPIRED -> reason.now().isAfter(reason.expiry())
                    ? "Lifetime validation failed, the token is expired."
                    : "Lifetime validation failed, the token is not yet valid.";
            case MALFORMED -> "Invalid JWT token: " + reason.getMessage() + ".";
            case SIGNATURE -> "Access token validation failure. Invalid signature: " + reason.getMessage() + ".";
            case ISSUER -> "Access token validation failure. Invalid issuer: " + reason.getMessage() + ".";
        });
    }

    @Override
    public GraphException wrongAudience(List<String> audience) {
        return unauthenticated("Access token validation failure. Invalid audience.");
    }

    @Override
    public GraphException caeChallenge(CaeChallenge challenge) {
        // Graph's observed code for a revoked session; for a disabled account none was found: UserDisabled is the sandbox's.
        String code = challenge.reason() == CaeChallenge.Reason.DISABLED ? "UserDisabled" : "TokenIssuedBeforeRevocationTimestamp";
        return GraphException.claimsChallenge("Continuous access evaluation resulted in challenge with result: InteractionRequired and code: "
                + code, urls.identityBase(), challenge.claims());
    }

    @Override
    public GraphException revoked() {
        return unauthenticated("Access token validation failure. The token was revoked (injected by the sandbox).");
    }

    @Override
    public GraphException throttled(Duration retryAfter) {
        return GraphException.throttled(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests",
                "Too many requests (injected by the sandbox).", retryAfter);
    }

    @Override
    public GraphException unavailable(Duration retryAfter) {
        return GraphException.throttled(HttpStatus.SERVICE_UNAVAILABLE, "serviceNotAvailable",
                "The service is temporarily unavailable (injected by the sandbox).", retryAfter);
    }

    @Override
    public GraphException failed() {
        return new GraphException(HttpStatus.INTERNAL_SERVER_ERROR, "generalException",
                "An internal server error occurred (injected by the sandbox).");
    }

    GraphException unauthenticated(String message) {
        // The identity side's base, never Graph's own host: Graph may be called as graph.microsoft.com.
        return GraphException.unauthenticated(message, urls.identityBase());
    }
}
