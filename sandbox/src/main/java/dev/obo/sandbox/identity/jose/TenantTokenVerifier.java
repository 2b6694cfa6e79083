package dev.obo.sandbox.identity.jose;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.tenant.Directory;

/**
 * Verifies a token this tenant issued: an RS256 JWT signed by one of the published keys,
 * from one of the v2.0 or v1.0 issuers the sandbox has issued tokens from (under whatever
 * name it was reached by then, see {@link TenantUrls#isIssuer}), within its {@code nbf}/{@code exp}
 * window (with the configured skew). Audience and scopes are for the caller to check: the OBO grant
 * and the ARM stand-in each check their own and answer in their own error language.
 */
@Component
public class TenantTokenVerifier {

    private final SigningKeys keys;
    private final TenantUrls urls;
    private final Directory directory;
    private final Clock clock;
    private final IdentityProperties properties;
    // A key never changes under its kid, so its verifier (and the public key it builds) is made once.
    private final Map<String, RSASSAVerifier> verifiers = new ConcurrentHashMap<>();

    TenantTokenVerifier(SigningKeys keys, TenantUrls urls, Directory directory, Clock clock, IdentityProperties properties) {
        this.keys = keys;
        this.urls = urls;
        this.directory = directory;
        this.clock = clock;
        this.properties = properties;
    }

    public JWTClaimsSet verify(String token) {
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException(InvalidTokenException.Kind.SIGNATURE,
                    "the signing algorithm '" + jwt.getHeader().getAlgorithm() + "' is not accepted; tokens of this tenant are RS256");
        }
        String kid = jwt.getHeader().getKeyID();
        RSAKey key = keys.find(kid == null ? "" : kid).orElseThrow(() -> new InvalidTokenException(
                InvalidTokenException.Kind.SIGNATURE, "the signing key '" + kid + "' is not a key of this tenant"));
        if (!verifies(jwt, verifiers.computeIfAbsent(key.getKeyID(), k -> verifier(key)))) {
            throw new InvalidTokenException(InvalidTokenException.Kind.SIGNATURE,
                    "the signature does not verify with the tenant's key '" + kid + "'");
        }
        JWTClaimsSet claims = claims(jwt);
        if (!urls.isIssuer(claims.getIssuer())) {
            throw new InvalidTokenException(InvalidTokenException.Kind.ISSUER, "the issuer '" + claims.getIssuer() + "' is not this tenant's");
        }
        if (!directory.tenant().id().equals(stringClaim(claims, "tid"))) {
            throw new InvalidTokenException(InvalidTokenException.Kind.ISSUER, "the token is not from this tenant");
        }
        checkTime(claims);
        return claims;
    }

    private void checkTime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null) {
            throw new InvalidTokenException(InvalidTokenException.Kind.MALFORMED, "the token has no expiry (exp)");
        }
        if (now.isAfter(exp.toInstant().plus(properties.clockSkew()))
                || (nbf != null && now.plus(properties.clockSkew()).isBefore(nbf.toInstant()))) {
            throw new InvalidTokenException(InvalidTokenException.Kind.EXPIRED, "the token is not within its valid time range",
                    now, exp.toInstant());
        }
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException(InvalidTokenException.Kind.MALFORMED, "the token is not a well-formed signed JWT");
        }
    }

    private static RSASSAVerifier verifier(RSAKey key) {
        try {
            return new RSASSAVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot build a verifier for the tenant's key " + key.getKeyID(), e);
        }
    }

    private static boolean verifies(SignedJWT jwt, RSASSAVerifier verifier) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException(InvalidTokenException.Kind.MALFORMED, "the token's claims are not a JSON object");
        }
    }

    /** A string claim, or null when absent or not a string. */
    public static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }
}
