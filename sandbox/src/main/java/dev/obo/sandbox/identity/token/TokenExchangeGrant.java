package dev.obo.sandbox.identity.token;

import java.util.Set;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.AppIdentifiers;

/**
 * RFC 8693 token exchange ({@code urn:ietf:params:oauth:grant-type:token-exchange}) for
 * clients written against the standard. It is On-Behalf-Of with the standard's words:
 * {@code subject_token} is the assertion, and {@code scope} (or {@code audience} /
 * {@code resource}, read as {@code <resource>/.default}) names the downstream resource.
 * Unlike Spring Authorization Server's, the subject token need not have been issued and
 * stored here, and its audience must be the requesting client.
 */
@Component
class TokenExchangeGrant implements GrantHandler {

    private static final String ACCESS_TOKEN_TYPE = TokenTypeURI.ACCESS_TOKEN.getURI().toString();
    private static final Set<String> SUBJECT_TOKEN_TYPES = Set.of(ACCESS_TOKEN_TYPE, TokenTypeURI.JWT.getURI().toString());

    private final OnBehalfOf onBehalfOf;

    TokenExchangeGrant(OnBehalfOf onBehalfOf) {
        this.onBehalfOf = onBehalfOf;
    }

    @Override
    public String grantType() {
        return GrantType.TOKEN_EXCHANGE.getValue();
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        String subjectToken = request.required("subject_token");
        String subjectTokenType = request.required("subject_token_type");
        if (!SUBJECT_TOKEN_TYPES.contains(subjectTokenType)) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "subject_token_type must be " + ACCESS_TOKEN_TYPE + " or a JWT.");
        }
        request.optional("requested_token_type").filter(t -> !ACCESS_TOKEN_TYPE.equals(t)).ifPresent(t -> {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "requested_token_type must be " + ACCESS_TOKEN_TYPE + ".");
        });
        if (request.optional("actor_token").isPresent()) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "actor_token (delegation) is not supported; only impersonation is.");
        }
        String scope = request.optional("scope")
                .or(() -> request.optional("audience").or(() -> request.optional("resource"))
                        .map(resource -> AppIdentifiers.withoutTrailingSlash(resource) + "/" + Scopes.DEFAULT))
                .orElseThrow(() -> new EntraException(EntraError.MISSING_PARAMETER, "scope"));
        return onBehalfOf.exchange(client, subjectToken, scope, request).withIssuedTokenType(ACCESS_TOKEN_TYPE);
    }
}
