package dev.obo.sandbox.identity.token;

import com.nimbusds.oauth2.sdk.GrantType;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * Entra's On-Behalf-Of grant: {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}
 * (RFC 7523 section 2.1) with {@code requested_token_use=on_behalf_of}, the user's token in
 * {@code assertion}, and the downstream {@code scope}.
 */
@Component
class OnBehalfOfGrant implements GrantHandler {

    private final OnBehalfOf onBehalfOf;

    OnBehalfOfGrant(OnBehalfOf onBehalfOf) {
        this.onBehalfOf = onBehalfOf;
    }

    @Override
    public String grantType() {
        return GrantType.JWT_BEARER.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        String requestedTokenUse = request.required("requested_token_use");
        if (!"on_behalf_of".equals(requestedTokenUse)) {
            throw new EntraException(EntraError.MALFORMED_REQUEST,
                    "requested_token_use must be 'on_behalf_of'; the sandbox supports the jwt-bearer grant only for On-Behalf-Of.");
        }
        String assertion = request.required("assertion");
        String scope = request.required("scope");
        return onBehalfOf.exchange(client, assertion, scope, request);
    }
}
