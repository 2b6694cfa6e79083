package dev.obo.onbehalf.credential;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.MultiValueMap;

/**
 * A credential whose {@code client_assertion} another issuer made (a federated token file, a
 * managed identity's token), sent as RFC 7523 section 2.2 says ({@link ClientAssertions}).
 */
interface ExternalAssertion extends ClientCredential {

    /**
     * The assertion to send now.
     *
     * @throws CredentialUnavailableException when its source cannot give one
     */
    String assertion();

    @Override
    default ClientAuthenticationMethod method() {
        return ClientAssertions.METHOD;
    }

    @Override
    default MultiValueMap<String, String> parameters(AbstractOAuth2AuthorizationGrantRequest request) {
        return ClientAssertions.parameters(assertion());
    }
}
