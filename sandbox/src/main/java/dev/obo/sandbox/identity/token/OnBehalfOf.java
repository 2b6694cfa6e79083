package dev.obo.sandbox.identity.token;

import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.conditionalaccess.ConditionalAccess;
import dev.obo.sandbox.identity.consent.DelegatedPermissions;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.AppIdentifiers;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The On-Behalf-Of exchange shared by Entra's jwt-bearer OBO grant and RFC 8693 token
 * exchange. It checks what Entra checks, in Entra's order: a confidential client; a
 * valid, unexpired user token of this tenant (AADSTS50013 / 500133) whose audience is the
 * calling client (AADSTS500131); a user that exists; scopes that the client requires
 * (AADSTS65005) and that were consented (AADSTS65001); conditional access (AADSTS50076).
 * The new token keeps the user's {@code oid}/{@code tid}/{@code name} and {@code amr} and
 * names the calling client as {@code azp}/{@code appid}.
 */
@Component
class OnBehalfOf {

    private final AssertionValidator assertions;
    private final Directory directory;
    private final Scopes scopes;
    private final DelegatedPermissions permissions;
    private final ConditionalAccess conditionalAccess;
    private final UserTokens tokens;

    OnBehalfOf(AssertionValidator assertions, Directory directory, Scopes scopes, DelegatedPermissions permissions,
               ConditionalAccess conditionalAccess, UserTokens tokens) {
        this.assertions = assertions;
        this.directory = directory;
        this.scopes = scopes;
        this.permissions = permissions;
        this.conditionalAccess = conditionalAccess;
        this.tokens = tokens;
    }

    TokenResponse exchange(AuthenticatedClient client, String assertion, String scope, TokenRequest request) {
        client.requireConfidential();
        JWTClaimsSet claims = assertions.validate(assertion);
        checkAudience(client.app(), claims.getAudience());
        if ("app".equals(AssertionValidator.claim(claims, "idtyp")) || AssertionValidator.claim(claims, "scp") == null) {
            throw new EntraException(EntraError.INVALID_ASSERTION,
                    "the assertion is an app-only token; On-Behalf-Of needs a delegated user token with scp");
        }
        String oid = AssertionValidator.claim(claims, "oid");
        User user = directory.userByOid(oid).orElseThrow(
                () -> new EntraException(EntraError.USER_NOT_FOUND, oid, directory.tenant().id()));
        ScopeRequest requested = scopes.parse(scope);
        if (requested.resource().oidcOnly()) {
            throw new EntraException(EntraError.INVALID_SCOPE, "On-Behalf-Of needs the scope of a resource, such as https://management.azure.com/user_impersonation.");
        }
        ResourceScopes granted = permissions.grantable(user, client.app(), requested.resource());
        List<String> amr = amr(claims);
        conditionalAccess.check(user, granted.resource(), granted.requestedIdentifier(), amr);
        SignIn signIn = new SignIn(user.username(), amr, claims.getIssueTime().toInstant(), null);
        return tokens.issue(new UserTokens.Grant(user, client, requested, granted, signIn, null,
                UUID.randomUUID().toString(), false), request);
    }

    private void checkAudience(App client, List<String> audience) {
        boolean ours = audience.stream().anyMatch(a -> a.equals(client.clientId())
                || client.identifierUris().stream().anyMatch(uri -> AppIdentifiers.withoutTrailingSlash(uri).equals(AppIdentifiers.withoutTrailingSlash(a))));
        if (!ours) {
            throw new EntraException(EntraError.ASSERTION_AUDIENCE, String.join(",", audience), client.clientId(), client.clientId());
        }
    }

    private static List<String> amr(JWTClaimsSet claims) {
        Object amr = claims.getClaim("amr");
        if (amr instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(SignIn.PASSWORD);
    }
}
