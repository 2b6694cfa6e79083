package dev.obo.sandbox.identity.authorize;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.OpaqueValues;
import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * Issued authorization codes, single use. A code redeemed twice is refused (AADSTS54005)
 * and everything it issued is revoked (RFC 9700 section 4.2.1 / RFC 6749 section 4.1.2).
 */
@Component
public class AuthorizationCodes {

    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IdentityProperties properties;

    AuthorizationCodes(Clock clock, IdentityProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** A code for the authorization request {@code flow}, which {@code signIn} completed; it starts a refresh-token family. */
    String issue(PendingAuthorization flow, SignIn signIn) {
        Instant now = clock.instant();
        codes.values().removeIf(c -> c.expiresAt().plus(properties.refreshTokenLifetime()).isBefore(now));
        String code = "1.sbx" + OpaqueValues.next();
        codes.put(code, new CodeGrant(flow.clientId(), flow.redirectUri(), signIn.username(), flow.scope(), flow.codeChallenge(),
                flow.nonce(), signIn, flow.claims(), UUID.randomUUID().toString(), now.plus(properties.codeLifetime()), false));
        return code;
    }

    /**
     * Consumes {@code code} for {@code clientId}: the code can never be redeemed again, whatever follows.
     * A code presented a second time hands its family to {@code revokeFamily}, which revokes every
     * token the first redemption led to, before it is refused.
     */
    public CodeGrant redeem(String code, String clientId, Consumer<String> revokeFamily) {
        CodeGrant grant = codes.get(code);
        if (grant == null) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "code", "The authorization code is unknown or malformed.");
        }
        if (!grant.clientId().equals(clientId)) {
            throw new EntraException(EntraError.INVALID_GRANT_VALUE, "code", "The authorization code was issued to another client.");
        }
        if (!codes.replace(code, grant, grant.spent())) {
            return redeem(code, clientId, revokeFamily);
        }
        if (grant.used()) {
            revokeFamily.accept(grant.family());
            throw new EntraException(EntraError.CODE_ALREADY_REDEEMED);
        }
        if (clock.instant().isAfter(grant.expiresAt())) {
            throw new EntraException(EntraError.CODE_EXPIRED);
        }
        return grant;
    }

    /**
     * What a code stands for: the client and redirect URI it was issued to, the user and
     * how they signed in, the requested scopes, the PKCE challenge, the nonce, the {@code claims}
     * the request asked with, and the family id of the refresh tokens it leads to.
     */
    public record CodeGrant(String clientId, String redirectUri, String username, String scope, String codeChallenge,
                     String nonce, SignIn signIn, ClaimsRequest claims, String family, Instant expiresAt, boolean used) {

        CodeGrant spent() {
            return new CodeGrant(clientId, redirectUri, username, scope, codeChallenge, nonce, signIn, claims, family, expiresAt, true);
        }
    }
}
