package dev.obo.sandbox.graph;

import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.jose.InvalidTokenException;
import dev.obo.sandbox.identity.jose.TenantTokenVerifier;
import dev.obo.sandbox.tenant.AppIdentifiers;

/**
 * Authenticates a call to the Graph stand-in as Microsoft Graph does: a bearer token of this
 * tenant (signature, one of the identity side's issuers whatever host Graph is called on, expiry)
 * for Graph's audience ({@code https://graph.microsoft.com}, with or without the trailing slash,
 * or Graph's app id). What the token may do (delegated or app-only, its scopes) is for the
 * endpoint to decide.
 */
@Component
class GraphCallers {

    static final Set<String> AUDIENCES = Set.of("https://graph.microsoft.com", "https://graph.microsoft.com/", AppIdentifiers.GRAPH);

    private final TenantTokenVerifier verifier;
    private final TenantUrls urls;

    GraphCallers(TenantTokenVerifier verifier, TenantUrls urls) {
        this.verifier = verifier;
        this.urls = urls;
    }

    /** Who calls, by the token in {@code authorization}. */
    GraphCaller authenticate(String authorization) {
        // Graph reads anything but "Bearer <token>" as no token at all.
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw unauthenticated("Access token is empty.");
        }
        JWTClaimsSet claims = verified(authorization.substring(7).trim());
        if (claims.getAudience().stream().noneMatch(AUDIENCES::contains)) {
            throw unauthenticated("Access token validation failure. Invalid audience.");
        }
        String scp = TenantTokenVerifier.stringClaim(claims, "scp");
        boolean appOnly = "app".equals(TenantTokenVerifier.stringClaim(claims, "idtyp")) || scp == null;
        String oid = TenantTokenVerifier.stringClaim(claims, "oid");
        if (oid == null) {
            throw unauthenticated("Access token validation failure. The token names no user or app (oid).");
        }
        return new GraphCaller(oid, appOnly ? List.of() : List.of(scp.split(" ")), appOnly);
    }

    private JWTClaimsSet verified(String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw unauthenticated(switch (e.kind()) {
                case EXPIRED -> e.now().isAfter(e.expiry())
                        ? "Lifetime validation failed, the token is expired."
                        : "Lifetime validation failed, the token is not yet valid.";
                case MALFORMED -> "Invalid JWT token: " + e.getMessage() + ".";
                case SIGNATURE -> "Access token validation failure. Invalid signature: " + e.getMessage() + ".";
                case ISSUER -> "Access token validation failure. Invalid issuer: " + e.getMessage() + ".";
            });
        }
    }

    /** Graph's 401 for a token that verified but is no longer good (a fault the sandbox injects). */
    GraphException refused(String message) {
        return unauthenticated(message);
    }

    private GraphException unauthenticated(String message) {
        // The identity side's base, never Graph's own host: Graph may be called as graph.microsoft.com.
        return GraphException.unauthenticated(message, urls.identityBase());
    }

    /** The caller of one request: the {@code oid} of the user (or app), and its delegated scopes unless app-only. */
    record GraphCaller(String oid, List<String> scopes, boolean appOnly) {}
}
