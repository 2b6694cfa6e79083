package dev.obo.sandbox.identity.conditionalaccess;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.claims.AuthenticationMethods;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The tenant's conditional-access rule: a user whose {@code mfaRequiredFor} names a
 * resource gets no token for it without a second factor. Non-interactive grants answer
 * {@code interaction_required} (AADSTS50076) with a {@code claims} challenge; the
 * authorize endpoint asks for the second factor when the challenge comes back in its
 * {@code claims} parameter ({@link dev.obo.sandbox.identity.claims.ClaimsRequest#asksForMfa}).
 */
@Component
public class ConditionalAccess {

    /** The authentication context the challenge names and an MFA token carries in {@code acrs}. */
    public static final String AUTH_CONTEXT = "c1";

    private static final String MFA_CLAIMS_CHALLENGE = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\""
            + AUTH_CONTEXT + "\"},\"amr\":{\"essential\":true,\"values\":[\"mfa\"]}}}";

    public boolean requiresMfa(User user, App resource) {
        return user.mfaRequiredFor().contains(resource.clientId());
    }

    /**
     * Refuses a token for {@code resource}, which the client named {@code requestedAs}, when the
     * rule applies and {@code amr} has no {@code mfa}.
     */
    public void check(User user, App resource, String requestedAs, List<String> amr) {
        if (requiresMfa(user, resource) && !amr.contains(AuthenticationMethods.MFA)) {
            throw mfaRequired(requestedAs);
        }
    }

    /** AADSTS50076 with the claims challenge that, sent back to the authorize endpoint, asks for the second factor. */
    public static EntraException mfaRequired(String requestedAs) {
        return EntraException.withClaims(EntraError.MFA_REQUIRED, MFA_CLAIMS_CHALLENGE, requestedAs);
    }
}
