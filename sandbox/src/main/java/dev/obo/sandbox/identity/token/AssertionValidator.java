package dev.obo.sandbox.identity.token;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.identity.jose.InvalidTokenException;
import dev.obo.sandbox.identity.jose.TenantTokenVerifier;

/**
 * Checks the user assertion of an On-Behalf-Of request as Entra does, answering in
 * Entra's codes: a token that is malformed, forged, signed by an unknown key or issued
 * elsewhere is AADSTS50013; one outside its time window is AADSTS500133. The audience is
 * checked by the caller, who knows the client.
 */
@Component
class AssertionValidator {

    private final TenantTokenVerifier verifier;

    AssertionValidator(TenantTokenVerifier verifier) {
        this.verifier = verifier;
    }

    JWTClaimsSet validate(String assertion) {
        try {
            return verifier.verify(assertion);
        } catch (InvalidTokenException e) {
            if (e.kind() == InvalidTokenException.Kind.EXPIRED) {
                throw new EntraException(EntraError.ASSERTION_EXPIRED, e.now(), e.expiry());
            }
            throw new EntraException(EntraError.INVALID_ASSERTION, e.getMessage().replace("the token", "the assertion"));
        }
    }

    static String claim(JWTClaimsSet claims, String name) {
        return TenantTokenVerifier.stringClaim(claims, name);
    }
}
