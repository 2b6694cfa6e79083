package dev.obo.sandbox.management;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.jose.InvalidTokenException;
import dev.obo.sandbox.identity.jose.TenantTokenVerifier;
import dev.obo.sandbox.tenant.AppIdentifiers;

/**
 * Authenticates a call to the ARM stand-in as ARM does: a bearer token of this tenant
 * (signature, one of the identity side's issuers whatever host ARM is called on, expiry), for ARM's audience ({@code https://management.azure.com/}
 * or {@code https://management.core.windows.net/}), granting {@code user_impersonation}.
 * The caller is the user named by the token's {@code oid}.
 */
@Component
class ArmCallers {

    static final Set<String> AUDIENCES = Set.of("https://management.azure.com/", "https://management.core.windows.net/",
            "https://management.azure.com", "https://management.core.windows.net", AppIdentifiers.ARM);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss").withZone(ZoneOffset.UTC);

    private final TenantTokenVerifier verifier;
    private final TenantUrls urls;

    ArmCallers(TenantTokenVerifier verifier, TenantUrls urls) {
        this.verifier = verifier;
        this.urls = urls;
    }

    /** The {@code oid} of the user the token in {@code authorization} speaks for. */
    String callerOid(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthenticated("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw unauthenticated("AuthenticationFailed", "Authentication failed. The 'Authorization' header is not in the 'Bearer <token>' form.");
        }
        JWTClaimsSet claims = verified(authorization.substring(7).trim());
        List<String> audience = claims.getAudience();
        if (audience.stream().noneMatch(AUDIENCES::contains)) {
            throw unauthenticated("InvalidAuthenticationTokenAudience", "The access token has been obtained for wrong audience or resource '"
                    + String.join(",", audience) + "'. It should exactly match with one of the allowed audiences "
                    + "'https://management.core.windows.net/','https://management.azure.com/'.");
        }
        String scp = TenantTokenVerifier.stringClaim(claims, "scp");
        String oid = TenantTokenVerifier.stringClaim(claims, "oid");
        if (scp == null || !List.of(scp.split(" ")).contains("user_impersonation") || oid == null) {
            throw unauthenticated("InvalidAuthenticationToken",
                    "The access token is invalid: it does not grant the delegated permission 'user_impersonation'.");
        }
        return oid;
    }

    private JWTClaimsSet verified(String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            if (e.kind() == InvalidTokenException.Kind.EXPIRED) {
                throw unauthenticated("ExpiredAuthenticationToken", "The access token expiry UTC time '" + TIME.format(e.expiry())
                        + "' is earlier than current UTC time '" + TIME.format(e.now()) + "'.");
            }
            throw unauthenticated("InvalidAuthenticationToken", "The access token is invalid: " + e.getMessage() + ".");
        }
    }

    /** ARM's 401 for a token that verified but is no longer good (a fault the sandbox injects). */
    ArmException refused(String message) {
        return unauthenticated("InvalidAuthenticationToken", message);
    }

    private ArmException unauthenticated(String code, String message) {
        // The identity side's base, never ARM's own host: ARM may be called as management.azure.com.
        return ArmException.unauthenticated(code, message, urls.identityBase() + "/");
    }
}
