package dev.obo.sandbox.managedidentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.jose.TokenSigner;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.FederatedIdentityCredential;
import dev.obo.sandbox.tenant.SandboxSeed.ManagedIdentity;

/**
 * Picks the managed identity a request names and mints its token, as Entra mints them for a
 * user-assigned identity: signed by the tenant's keys, from the tenant's v2.0 issuer, {@code sub}
 * and {@code oid} its principal id, {@code azp}/{@code appid} its client id, {@code idtyp} app,
 * valid 24 hours. The resource must be {@code api://AzureADTokenExchange}: the token is meant as
 * a federated credential of an app whose credential names this tenant's issuer and the principal id.
 */
@Component
class ManagedIdentityTokens {

    static final Duration LIFETIME = Duration.ofHours(24);
    static final String RESOURCE_GROUP_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/sandbox"
            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/";

    private final Directory directory;
    private final TokenSigner signer;
    private final TenantUrls urls;
    private final Clock clock;

    ManagedIdentityTokens(Directory directory, TokenSigner signer, TenantUrls urls, Clock clock) {
        this.directory = directory;
        this.signer = signer;
        this.urls = urls;
        this.clock = clock;
    }

    /** The identity named by one of its ids ({@link IdentitySelector}), or the only one when none is named. */
    ManagedIdentity identity(IdentitySelector selector) {
        List<ManagedIdentity> identities = directory.managedIdentities();
        if (selector.none()) {
            if (identities.size() > 1) {
                throw ImdsException.invalidRequest("Multiple user assigned identities exist, please specify the clientId / "
                        + "resourceId of the identity in the token request");
            }
            return identities.stream().findFirst().orElseThrow(() -> ImdsException.invalidRequest("Identity not found"));
        }
        return identities.stream().filter(identity -> selector.names(identity, resourceId(identity))).findFirst()
                .orElseThrow(() -> ImdsException.invalidRequest("Identity not found"));
    }

    Issued token(ManagedIdentity identity, String resource) {
        if (!FederatedIdentityCredential.TOKEN_EXCHANGE_AUDIENCE.equals(stripSlash(resource))) {
            throw new ImdsException(HttpStatus.BAD_REQUEST, "invalid_resource", "AADSTS500011: The resource principal named "
                    + resource + " was not found in the tenant named " + directory.tenant().id() + ". The sandbox's managed "
                    + "identities issue tokens for " + FederatedIdentityCredential.TOKEN_EXCHANGE_AUDIENCE + " only.");
        }
        Instant now = clock.instant();
        Instant exp = now.plus(LIFETIME);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(urls.issuerOfNewToken(2))
                .audience(FederatedIdentityCredential.TOKEN_EXCHANGE_AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(exp))
                .subject(identity.principalId())
                .claim("oid", identity.principalId())
                .claim("azp", identity.clientId())
                .claim("appid", identity.clientId())
                .claim("azpacr", "2")
                .claim("tid", directory.tenant().id())
                .claim("idtyp", "app")
                .claim("xms_mirid", resourceId(identity))
                .claim("uti", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 22))
                .claim("ver", "2.0")
                .build();
        return new Issued(signer.sign(claims), now, exp);
    }

    /** The identity's Azure resource id, as {@code mi_res_id} names it and {@code xms_mirid} carries it. */
    static String resourceId(ManagedIdentity identity) {
        return RESOURCE_GROUP_ID + identity.name();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Which identity a request names: by client id, object (principal) id or resource id; all null for "the only one". */
    record IdentitySelector(String clientId, String principalId, String resourceId) {

        boolean none() {
            return clientId == null && principalId == null && resourceId == null;
        }

        boolean names(ManagedIdentity identity, String identityResourceId) {
            return (clientId == null || clientId.equalsIgnoreCase(identity.clientId()))
                    && (principalId == null || principalId.equalsIgnoreCase(identity.principalId()))
                    && (resourceId == null || resourceId.toLowerCase(Locale.ROOT).equals(identityResourceId.toLowerCase(Locale.ROOT)));
        }
    }

    /** A minted token, when it was issued and when it expires. */
    record Issued(String token, Instant notBefore, Instant expiresOn) {}
}
