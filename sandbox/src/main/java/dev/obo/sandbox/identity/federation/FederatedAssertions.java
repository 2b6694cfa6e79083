package dev.obo.sandbox.identity.federation;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * Checks a federated client assertion (workload identity federation: a token of another identity
 * provider presented as {@code client_assertion}, RFC 7523 section 2.2) as Entra does: it must match
 * one of the app's federated identity credentials ({@link FederatedCredentials}), carry a signature of
 * its issuer ({@link IssuerKeys}, fetched over HTTP through the issuer's discovery), and be within its
 * {@code nbf}/{@code exp} window with the clock skew (AADSTS700024). A token of this very tenant is
 * taken only from one of its managed identities (AADSTS700226). Unlike a certificate's assertion, a
 * {@code jti} may come again: a projected Kubernetes token is re-used until it expires.
 * Counts each outcome in {@code sandbox.federated.authentications}.
 */
@Component
public class FederatedAssertions {

    private final Directory directory;
    private final TenantUrls urls;
    private final IssuerKeys keys;
    private final Clock clock;
    private final IdentityProperties properties;
    private final MeterRegistry meters;

    FederatedAssertions(Directory directory, TenantUrls urls, IssuerKeys keys, Clock clock, IdentityProperties properties,
                        MeterRegistry meters) {
        this.directory = directory;
        this.urls = urls;
        this.keys = keys;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
    }

    /** The assertion's claims when it proves {@code app}; else Entra's refusal. */
    public JWTClaimsSet verify(App app, SignedJWT assertion) {
        try {
            JWTClaimsSet claims = check(app, assertion);
            count("authenticated");
            return claims;
        } catch (EntraException e) {
            count("AADSTS" + e.error().code());
            throw e;
        }
    }

    private JWTClaimsSet check(App app, SignedJWT assertion) {
        JWTClaimsSet claims = claims(assertion);
        String tenantId = directory.tenant().id();
        FederatedCredentials.match(app, claims, urls, tenantId);
        try {
            keys.processor(claims.getIssuer()).process(assertion, null);
        } catch (BadJOSEException e) {
            throw new EntraException(EntraError.INVALID_JWT, "The signature does not verify with the keys of issuer '"
                    + claims.getIssuer() + "'.");
        } catch (JOSEException e) {
            throw new EntraException(EntraError.EXTERNAL_OIDC_FAILED, "The keys of issuer '" + claims.getIssuer() + "' could not be read.");
        }
        checkTime(claims);
        if (FederatedCredentials.isTenantIssuer(claims.getIssuer(), urls, tenantId) && !fromManagedIdentity(claims)) {
            throw new EntraException(EntraError.ENTRA_TOKEN_NOT_MANAGED_IDENTITY);
        }
        return claims;
    }

    private boolean fromManagedIdentity(JWTClaimsSet claims) {
        Object oid = claims.getClaim("oid");
        return directory.managedIdentities().stream().anyMatch(identity -> identity.principalId().equals(oid));
    }

    private void checkTime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : claims.getIssueTime();
        if (exp == null) {
            throw new EntraException(EntraError.INVALID_JWT, "The assertion has no expiry (exp).");
        }
        if (now.isAfter(exp.toInstant().plus(properties.clockSkew()))
                || (nbf != null && now.plus(properties.clockSkew()).isBefore(nbf.toInstant()))) {
            throw new EntraException(EntraError.CLIENT_ASSERTION_TIME_RANGE, now,
                    nbf == null ? "(none)" : nbf.toInstant(), exp.toInstant());
        }
    }

    private static JWTClaimsSet claims(SignedJWT assertion) {
        try {
            return assertion.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new EntraException(EntraError.INVALID_JWT, "The assertion's claims are not a JSON object.");
        }
    }

    private void count(String outcome) {
        meters.counter("sandbox.federated.authentications", "outcome", outcome).increment();
    }
}
