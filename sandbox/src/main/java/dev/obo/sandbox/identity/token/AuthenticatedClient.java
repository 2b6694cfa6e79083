package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * The app calling the token endpoint and how it proved who it is: {@code none} (a public
 * client), {@code client_secret_basic}, {@code client_secret_post}, {@code private_key_jwt} (a certificate)
 * or {@code federated} (a token of a trusted issuer, workload identity federation).
 */
record AuthenticatedClient(App app, String method) {

    static final String NONE = ClientAuthenticationMethod.NONE.getValue();
    static final String FEDERATED = "federated";

    boolean confidential() {
        return !NONE.equals(method);
    }

    /** Entra's {@code azpacr}/{@code appidacr}: 0 public client, 1 secret, 2 certificate or client assertion. */
    String acr() {
        if (!confidential()) {
            return "0";
        }
        return ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue().equals(method) || FEDERATED.equals(method) ? "2" : "1";
    }

    /** Refuses a public client where the grant needs a confidential one. */
    AuthenticatedClient requireConfidential() {
        if (!confidential()) {
            throw new EntraException(EntraError.MISSING_CLIENT_CREDENTIAL);
        }
        return this;
    }
}
