package dev.obo.sandbox.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.tenant.Directory;

/**
 * Checks a user assertion the way Entra checks the {@code assertion} of an On-Behalf-Of
 * request: an RS256 JWT signed by one of this tenant's published keys, issued by this
 * tenant (v2.0 or v1.0 issuer), within its {@code nbf}/{@code exp} window. The audience is
 * checked by the caller, who knows the client.
 */
@Component
class AssertionValidator {

    private final SigningKeys keys;
    private final TenantUrls urls;
    private final Directory directory;
    private final Clock clock;
    private final IdentityProperties properties;

    AssertionValidator(SigningKeys keys, TenantUrls urls, Directory directory, Clock clock, IdentityProperties properties) {
        this.keys = keys;
        this.urls = urls;
        this.directory = directory;
        this.clock = clock;
        this.properties = properties;
    }

    JWTClaimsSet validate(String assertion) {
        SignedJWT jwt = parse(assertion);
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("the signing algorithm '" + jwt.getHeader().getAlgorithm() + "' is not accepted; tokens of this tenant are RS256");
        }
        String kid = jwt.getHeader().getKeyID();
        RSAKey key = keys.find(kid == null ? "" : kid).orElseThrow(
                () -> invalid("the signing key '" + kid + "' is not a key of this tenant"));
        if (!verifies(jwt, key)) {
            throw invalid("the signature does not verify with the tenant's key '" + kid + "'");
        }
        JWTClaimsSet claims = claims(jwt);
        if (!Set.of(urls.issuer(), urls.issuerV1()).contains(claims.getIssuer())) {
            throw invalid("the issuer '" + claims.getIssuer() + "' is not this tenant's");
        }
        if (!directory.tenant().id().equals(claim(claims, "tid"))) {
            throw invalid("the assertion is not from this tenant");
        }
        checkTime(claims);
        return claims;
    }

    private void checkTime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null) {
            throw invalid("the assertion has no expiry (exp)");
        }
        if (now.isAfter(exp.toInstant().plus(properties.clockSkew()))
                || (nbf != null && now.plus(properties.clockSkew()).isBefore(nbf.toInstant()))) {
            throw new EntraException(EntraError.ASSERTION_EXPIRED, now, exp.toInstant());
        }
    }

    private static SignedJWT parse(String assertion) {
        try {
            return SignedJWT.parse(assertion);
        } catch (ParseException | RuntimeException e) {
            throw invalid("the assertion is not a well-formed signed JWT");
        }
    }

    private static boolean verifies(SignedJWT jwt, RSAKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the assertion's claims are not a JSON object");
        }
    }

    static String claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static EntraException invalid(String reason) {
        return new EntraException(EntraError.INVALID_ASSERTION, reason);
    }
}
