package dev.obo.sandbox.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.conditionalaccess.ConditionalAccess;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.jose.TokenSigner;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * Mints the tenant's tokens with Entra's claims: v2.0 or v1.0 access tokens (as the
 * resource's {@code accessTokenAcceptedVersion} asks; CAE tokens as {@link CaeTokens} says),
 * app-only tokens and ID tokens, each signed by {@link TokenSigner}.
 */
@Component
class TokenIssuer {

    private final Clock clock;
    private final TokenSigner signer;
    private final TenantUrls urls;
    private final Directory directory;
    private final IdentityProperties properties;
    private final CaeTokens cae;

    TokenIssuer(Clock clock, TokenSigner signer, TenantUrls urls, Directory directory, IdentityProperties properties, CaeTokens cae) {
        this.clock = clock;
        this.signer = signer;
        this.urls = urls;
        this.directory = directory;
        this.properties = properties;
        this.cae = cae;
    }

    /**
     * A delegated access token for {@code user}, issued to {@code client}, for the scopes of one
     * resource; a CAE token ({@link CaeTokens}) when {@code asked} declares {@code cp1} and the resource takes them.
     */
    Issued userAccessToken(User user, AuthenticatedClient client, ResourceScopes resource, SignIn signIn, ClaimsRequest asked) {
        Instant now = clock.instant();
        CaeTokens.Terms terms = cae.terms(resource.resourceId(), asked);
        Instant exp = now.plus(terms.lifetime());
        JWTClaimsSet.Builder claims = timed(now, exp, terms)
                .claim("aud", resource.audience())
                .claim("oid", user.oid())
                .claim("sub", pairwiseSubject(user, resource.resourceId()))
                .claim("tid", directory.tenant().id())
                .claim("name", user.displayName())
                .claim("scp", String.join(" ", resource.scopes()))
                .claim("amr", signIn.amr())
                .claim("idtyp", "user")
                .claim("uti", uti());
        if (signIn.hasMfa()) {
            claims.claim("acrs", List.of(ConditionalAccess.AUTH_CONTEXT));
        }
        if (resource.version() == 1) {
            claims.issuer(urls.issuerOfNewToken(1)).claim("ver", "1.0")
                    .claim("appid", client.app().clientId()).claim("appidacr", client.acr())
                    .claim("acr", "1").claim("unique_name", user.username()).claim("upn", user.username())
                    .claim("given_name", user.givenName()).claim("family_name", user.surname());
        } else {
            claims.issuer(urls.issuerOfNewToken(2)).claim("ver", "2.0")
                    .claim("azp", client.app().clientId()).claim("azpacr", client.acr())
                    .claim("preferred_username", user.username());
        }
        return new Issued(sign(claims.build()), exp);
    }

    /** An app-only token ({@code client_credentials}): {@code roles}, no user; a CAE token as {@link #userAccessToken}'s. */
    Issued appAccessToken(AuthenticatedClient client, ResourceScopes resource, List<String> roles, ClaimsRequest asked) {
        Instant now = clock.instant();
        CaeTokens.Terms terms = cae.terms(resource.resourceId(), asked);
        Instant exp = now.plus(terms.lifetime());
        App app = client.app();
        String servicePrincipalOid = nameBasedId("sp:" + app.clientId());
        JWTClaimsSet.Builder claims = timed(now, exp, terms)
                .claim("aud", resource.audience())
                .claim("oid", servicePrincipalOid)
                .claim("sub", servicePrincipalOid)
                .claim("tid", directory.tenant().id())
                .claim("idtyp", "app")
                .claim("uti", uti());
        if (!roles.isEmpty()) {
            claims.claim("roles", roles);
        }
        if (resource.version() == 1) {
            claims.issuer(urls.issuerOfNewToken(1)).claim("ver", "1.0").claim("appid", app.clientId()).claim("appidacr", client.acr());
        } else {
            claims.issuer(urls.issuerOfNewToken(2)).claim("ver", "2.0").claim("azp", app.clientId()).claim("azpacr", client.acr());
        }
        return new Issued(sign(claims.build()), exp);
    }

    /** An OpenID Connect ID token for {@code client}. */
    String idToken(User user, App client, SignIn signIn, String nonce) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = timed(now, now.plus(properties.accessTokenLifetime()))
                .issuer(urls.issuerOfNewToken(2))
                .audience(client.clientId())
                .claim("oid", user.oid())
                .claim("sub", pairwiseSubject(user, client.clientId()))
                .claim("tid", directory.tenant().id())
                .claim("name", user.displayName())
                .claim("preferred_username", user.username())
                .claim("auth_time", signIn.authTime().getEpochSecond())
                .claim("sid", signIn.sid())
                .claim("uti", uti())
                .claim("ver", "2.0");
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return sign(claims.build());
    }

    /** {@code client_info} as MSAL expects it: base64url JSON of the user's object id and tenant id. */
    String clientInfo(User user) {
        String json = "{\"uid\":\"" + user.oid() + "\",\"utid\":\"" + directory.tenant().id() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JWTClaimsSet.Builder timed(Instant now, Instant exp) {
        return new JWTClaimsSet.Builder().issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(exp));
    }

    private static JWTClaimsSet.Builder timed(Instant now, Instant exp, CaeTokens.Terms terms) {
        JWTClaimsSet.Builder claims = timed(now, exp);
        if (terms.cae()) {
            claims.claim("xms_cc", terms.clientCapabilities());
        }
        return claims;
    }

    private String sign(JWTClaimsSet claims) {
        return signer.sign(claims);
    }

    // Entra's "sub" is pairwise: the same user has a different subject in each app.
    private static String pairwiseSubject(User user, String appId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(user.oid() + "|" + appId));
    }

    private static String nameBasedId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String uti() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(UUID.randomUUID().toString())).substring(0, 22);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minted token and when it expires. */
    record Issued(String token, Instant expiresAt) {}
}
