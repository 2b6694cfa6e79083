package dev.obo.sandbox.identity.token;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.authorize.SignIn;
import dev.obo.sandbox.identity.consent.ScopeRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * {@code password} (RFC 6749 section 4.3, Entra's ROPC), for automation and benchmarks.
 * Consent and conditional access apply as for any other grant; it can be switched off.
 */
@Component
class PasswordGrant implements GrantHandler {

    private final IdentityProperties properties;
    private final Directory directory;
    private final Scopes scopes;
    private final DelegatedGrant delegated;
    private final Clock clock;

    PasswordGrant(IdentityProperties properties, Directory directory, Scopes scopes, DelegatedGrant delegated, Clock clock) {
        this.properties = properties;
        this.directory = directory;
        this.scopes = scopes;
        this.delegated = delegated;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return GrantType.PASSWORD.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        if (!properties.passwordGrantEnabled()) {
            throw new EntraException(EntraError.PASSWORD_GRANT_DISABLED);
        }
        String username = request.required("username");
        String password = request.required("password");
        // The scope is read before the credentials: a bad scope is AADSTS70011 whoever asks.
        ScopeRequest requested = scopes.parse(request.required("scope"));
        User user = directory.userWithPassword(username, password)
                .orElseThrow(() -> new EntraException(EntraError.INVALID_CREDENTIALS));
        SignIn signIn = new SignIn(user.username(), List.of(SignIn.PASSWORD), clock.instant(), UUID.randomUUID().toString());
        return delegated.forUser(user).client(client).scope(requested).signIn(signIn).issue(request);
    }
}
