package dev.obo.sandbox.identity.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.conditionalaccess.ConditionalAccess;
import dev.obo.sandbox.identity.conditionalaccess.ContinuousAccess;
import dev.obo.sandbox.identity.consent.DelegatedPermissions;
import dev.obo.sandbox.identity.consent.ResourceScopes;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The step every delegated grant ends with (authorization code, refresh token, password,
 * On-Behalf-Of): a token for a user, a client and the scopes of one resource. Each grant names
 * what it knows, and each named part is checked as it is given, so a grant reads in Entra's order:
 * <pre>
 * delegated.forUsername(name).client(client).scope(scope).signIn(signIn).issue(request)
 * </pre>
 * {@link Builder#issue} then checks what every grant checks last: the account is enabled (AADSTS50057)
 * and the sign-in not older than its tokens-valid-from (AADSTS50173, see {@link ContinuousAccess}), the
 * scopes are in the client's required permissions (AADSTS65005) and consented (AADSTS65001), and
 * conditional access lets the sign-in through (AADSTS50076).
 */
@Component
class DelegatedGrant {

    private final Directory directory;
    private final Scopes scopes;
    private final DelegatedPermissions permissions;
    private final ConditionalAccess conditionalAccess;
    private final ContinuousAccess continuousAccess;
    private final UserTokens tokens;

    DelegatedGrant(Directory directory, Scopes scopes, DelegatedPermissions permissions, ConditionalAccess conditionalAccess,
                   ContinuousAccess continuousAccess, UserTokens tokens) {
        this.directory = directory;
        this.scopes = scopes;
        this.permissions = permissions;
        this.conditionalAccess = conditionalAccess;
        this.continuousAccess = continuousAccess;
        this.tokens = tokens;
    }

    /** A grant for {@code user}, whom the grant has found (and authenticated) itself. */
    Builder forUser(User user) {
        return new Builder(user);
    }

    /** A grant for the user of this name; AADSTS50034 when the directory has none. */
    Builder forUsername(String username) {
        return new Builder(directory.userByName(username).orElseThrow(() -> userNotFound(username)));
    }

    /** A grant for the user of this object id (an assertion's {@code oid}); AADSTS50034 when the directory has none. */
    Builder forOid(String oid) {
        return new Builder(directory.userByOid(oid).orElseThrow(() -> userNotFound(oid)));
    }

    private EntraException userNotFound(String user) {
        return new EntraException(EntraError.USER_NOT_FOUND, user, directory.tenant().id());
    }

    /** One delegated grant as it is built: made for one request, never shared. */
    final class Builder {

        private final User user;
        private AuthenticatedClient client;
        private ScopeRequest requested;
        private SignIn signIn;
        private String family = UUID.randomUUID().toString();
        private String nonce;
        private boolean idToken = true;
        private boolean onBehalfOf;
        private ClaimsRequest claims;

        private Builder(User user) {
            this.user = user;
        }

        Builder client(AuthenticatedClient client) {
            this.client = client;
            return this;
        }

        /** The {@code scope} asked, parsed now: one resource (AADSTS28000) that exists (AADSTS500011) and exposes it (AADSTS70011). */
        Builder scope(String scope) {
            return scope(scopes.parse(scope));
        }

        /** A {@code scope} the grant has parsed itself, before it looked at the user. */
        Builder scope(ScopeRequest requested) {
            this.requested = requested;
            return this;
        }

        /** As Entra answers a refresh: {@code offline_access} whatever was asked, so a successor refresh token comes back. */
        Builder withOfflineAccess() {
            requested = requested.offlineAccess() ? requested : requested.withOfflineAccess();
            return this;
        }

        /**
         * As Entra's On-Behalf-Of: the scope must be a resource's, not OpenID Connect scopes alone
         * (AADSTS70011), and no ID token comes back.
         */
        Builder onBehalfOf() {
            if (requested.resource().oidcOnly()) {
                throw new EntraException(EntraError.INVALID_SCOPE,
                        "On-Behalf-Of needs the scope of a resource, such as https://management.azure.com/user_impersonation.");
            }
            idToken = false;
            onBehalfOf = true;
            return this;
        }

        /** How the user signed in here (password, code, refresh token), the sign-in the tokens carry. */
        Builder signIn(SignIn signIn) {
            this.signIn = signIn;
            return this;
        }

        /** A sign-in that happened elsewhere and an assertion vouches for: its methods and time, no session here. */
        Builder signIn(List<String> amr, Instant authTime) {
            return signIn(new SignIn(user.username(), amr, authTime, null));
        }

        /** The refresh-token family the grant continues (a code's, a refresh token's); without it, a new family. */
        Builder family(String family) {
            this.family = family;
            return this;
        }

        /** The {@code nonce} of the authorization request, echoed in the ID token. */
        Builder nonce(String nonce) {
            this.nonce = nonce;
            return this;
        }

        /** The {@code claims} the grant was asked with, when more than the token request's (a code's authorize request). */
        Builder claims(ClaimsRequest claims) {
            this.claims = claims;
            return this;
        }

        TokenResponse issue(TokenRequest request) {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(requested, "scope");
            Objects.requireNonNull(signIn, "signIn");
            if (onBehalfOf) {
                continuousAccess.checkAssertion(user, signIn.authTime());
            } else {
                continuousAccess.checkGrant(user, signIn.authTime());
            }
            ResourceScopes granted = permissions.grantable(user, client.app(), requested.resource());
            conditionalAccess.check(user, granted.resource(), granted.requestedIdentifier(), signIn.amr());
            ClaimsRequest asked = claims != null ? claims : request.claims();
            return tokens.issue(new UserTokens.Grant(user, client, requested, granted, signIn, nonce, family, idToken, asked), request);
        }
    }
}
