package dev.obo.sandbox.identity;

import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * The app calling the token endpoint and how it proved who it is: {@code none} (a public
 * client), {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}.
 */
record AuthenticatedClient(App app, String method) {

    static final String NONE = "none";

    boolean confidential() {
        return !NONE.equals(method);
    }

    /** Entra's {@code azpacr}/{@code appidacr}: 0 public client, 1 secret, 2 certificate. */
    String acr() {
        return switch (method) {
            case NONE -> "0";
            case "private_key_jwt" -> "2";
            default -> "1";
        };
    }

    /** Refuses a public client where the grant needs a confidential one. */
    AuthenticatedClient requireConfidential() {
        if (!confidential()) {
            throw new EntraException(EntraError.MISSING_CLIENT_CREDENTIAL);
        }
        return this;
    }
}
