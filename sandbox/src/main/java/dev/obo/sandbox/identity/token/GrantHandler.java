package dev.obo.sandbox.identity.token;

/** One grant type of the token endpoint (one class per grant, as RFC 6749 and its extensions define them). */
interface GrantHandler {

    /** The {@code grant_type} value this handler answers. */
    String grantType();

    TokenResponse handle(TokenRequest request, AuthenticatedClient client);
}
