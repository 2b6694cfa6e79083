package dev.obo.sandbox.identity.token;

import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.AppIdentifiers;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * The On-Behalf-Of exchange shared by Entra's jwt-bearer OBO grant and RFC 8693 token
 * exchange. It checks what Entra checks, in Entra's order: a confidential client; a
 * valid, unexpired user token of this tenant (AADSTS50013 / 500133) whose audience is the
 * calling client (AADSTS500131); a user that exists; then, as {@link DelegatedGrant} does for
 * every grant, the scopes, consent and conditional access. The new token keeps the user's
 * {@code oid}/{@code tid}/{@code name} and {@code amr} and names the calling client as
 * {@code azp}/{@code appid}.
 */
@Component
class OnBehalfOf {

    private final AssertionValidator assertions;
    private final DelegatedGrant delegated;

    OnBehalfOf(AssertionValidator assertions, DelegatedGrant delegated) {
        this.assertions = assertions;
        this.delegated = delegated;
    }

    TokenResponse exchange(AuthenticatedClient client, String assertion, String scope, TokenRequest request) {
        client.requireConfidential();
        JWTClaimsSet claims = assertions.validate(assertion);
        checkAudience(client.app(), claims.getAudience());
        if ("app".equals(AssertionValidator.claim(claims, "idtyp")) || AssertionValidator.claim(claims, "scp") == null) {
            throw new EntraException(EntraError.INVALID_ASSERTION,
                    "the assertion is an app-only token; On-Behalf-Of needs a delegated user token with scp");
        }
        return delegated.forOid(AssertionValidator.claim(claims, "oid")).client(client).scope(scope).onBehalfOf()
                .signIn(amr(claims), claims.getIssueTime().toInstant())
                .issue(request);
    }

    private static void checkAudience(App client, List<String> audience) {
        boolean ours = audience.stream().anyMatch(a -> a.equals(client.clientId()) || client.identifierUris().stream()
                .anyMatch(uri -> AppIdentifiers.withoutTrailingSlash(uri).equals(AppIdentifiers.withoutTrailingSlash(a))));
        if (!ours) {
            throw new EntraException(EntraError.ASSERTION_AUDIENCE, String.join(",", audience), client.clientId(), client.clientId());
        }
    }

    // An assertion without a list amr is read as a password sign-in, the least it can stand for.
    private static List<String> amr(JWTClaimsSet claims) {
        Object amr = claims.getClaim("amr");
        if (amr instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(SignIn.PASSWORD);
    }
}
