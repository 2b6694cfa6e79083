package dev.obo.sandbox.resource;

import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.obo.sandbox.identity.jose.InvalidTokenException;
import dev.obo.sandbox.identity.jose.TenantTokenVerifier;

/**
 * Authenticates the caller of a resource stand-in as Microsoft's resources do: a bearer token
 * (RFC 6750 section 2.1) of this tenant (signature, one of the identity side's issuers whatever
 * host the resource is called on, expiry) for one of the resource's audiences, which continuous
 * access evaluation lets through ({@link ContinuousAccessEvaluation}). What the token may do, its
 * scopes, is for the stand-in to judge; every refusal is in the stand-in's words.
 */
public final class ResourceCallers {

    private static final String BEARER = "Bearer ";

    private final TenantTokenVerifier verifier;
    private final Set<String> audiences;
    private final ResourceErrors errors;
    private final ContinuousAccessEvaluation cae;
    private final String meters;

    /** {@code meters}: the stand-in's meter prefix, under which its CAE challenges are counted. */
    public ResourceCallers(TenantTokenVerifier verifier, Set<String> audiences, ResourceErrors errors,
                           ContinuousAccessEvaluation cae, String meters) {
        this.verifier = verifier;
        this.audiences = Set.copyOf(audiences);
        this.errors = errors;
        this.cae = cae;
        this.meters = meters;
    }

    /** Who calls, by the token in {@code authorization} (the header's value). */
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw errors.missingToken();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()) || authorization.substring(BEARER.length()).isBlank()) {
            throw errors.notBearer();
        }
        JWTClaimsSet claims = verified(authorization.substring(BEARER.length()).trim());
        if (claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw errors.wrongAudience(claims.getAudience());
        }
        cae.evaluate(claims, meters).ifPresent(challenge -> {
            throw errors.caeChallenge(challenge);
        });
        String scp = TenantTokenVerifier.stringClaim(claims, "scp");
        boolean appOnly = "app".equals(TenantTokenVerifier.stringClaim(claims, "idtyp")) || scp == null;
        return new Caller(TenantTokenVerifier.stringClaim(claims, "oid"), scp == null ? List.of() : List.of(scp.split(" ")), appOnly);
    }

    private JWTClaimsSet verified(String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw errors.invalidToken(e);
        }
    }
}
