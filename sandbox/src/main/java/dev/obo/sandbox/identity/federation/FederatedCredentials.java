package dev.obo.sandbox.identity.federation;

import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.FederatedIdentityCredential;

/**
 * Finds the federated identity credential of an app that an assertion matches, as Entra matches
 * them: the issuer, then the subject, then one of the audiences, each compared exactly
 * (case-sensitive). The first that fails names the error: AADSTS700211, 700213, 700212.
 * Two issuers in a seed stand for the sandbox's own URLs, whatever port or name it is reached by:
 * {@code https://login.microsoftonline.com/{tenant}/v2.0} (what Microsoft asks for a managed
 * identity's credential) means this tenant's v2.0 issuer, and a path ({@code /kubernetes/demo}) means
 * that path under the sandbox's base URL.
 */
final class FederatedCredentials {

    static final String ENTRA_AUTHORITY = "https://login.microsoftonline.com/";

    private FederatedCredentials() {
    }

    static FederatedIdentityCredential match(App app, JWTClaimsSet claims, TenantUrls urls, String tenantId) {
        String issuer = claims.getIssuer();
        List<FederatedIdentityCredential> byIssuer = app.federatedIdentityCredentials().stream()
                .filter(c -> issuerMatches(c.issuer(), issuer, urls, tenantId)).toList();
        if (byIssuer.isEmpty()) {
            throw new EntraException(EntraError.FEDERATED_ISSUER_NOT_FOUND, issuer);
        }
        List<FederatedIdentityCredential> bySubject = byIssuer.stream().filter(c -> c.subject().equals(claims.getSubject())).toList();
        if (bySubject.isEmpty()) {
            throw new EntraException(EntraError.FEDERATED_SUBJECT_NOT_FOUND, claims.getSubject());
        }
        List<String> audiences = claims.getAudience();
        return bySubject.stream().filter(c -> c.audiences().stream().anyMatch(audiences::contains)).findFirst()
                .orElseThrow(() -> new EntraException(EntraError.FEDERATED_AUDIENCE_NOT_FOUND, String.join(",", audiences)));
    }

    /** Whether {@code issuer} is this tenant's own v2.0 issuer, under any name the sandbox issued from. */
    static boolean isTenantIssuer(String issuer, TenantUrls urls, String tenantId) {
        return issuer != null && issuer.endsWith("/" + tenantId + "/v2.0") && urls.isIssuer(issuer);
    }

    private static boolean issuerMatches(String registered, String presented, TenantUrls urls, String tenantId) {
        if (presented == null) {
            return false;
        }
        if (registered.equals(presented)) {
            return true;
        }
        if (registered.equals(ENTRA_AUTHORITY + tenantId + "/v2.0")) {
            return isTenantIssuer(presented, urls, tenantId);
        }
        return registered.startsWith("/") && presented.equals(urls.base() + registered);
    }
}
