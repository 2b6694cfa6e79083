package dev.obo.onbehalf.credential;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A client secret, sent as {@code client_secret_post} (RFC 6749 section 2.3.1) by Spring Security's
 * default parameters from the registration: nothing to add here.
 */
final class SecretCredential implements ClientCredential {

    @Override
    public ClientAuthenticationMethod method() {
        return ClientAuthenticationMethod.CLIENT_SECRET_POST;
    }

    @Override
    public MultiValueMap<String, String> parameters(AbstractOAuth2AuthorizationGrantRequest request) {
        return new LinkedMultiValueMap<>();
    }

    @Override
    public String type() {
        return "secret";
    }

    @Override
    public String source() {
        return "onbehalf.credential.secret";
    }
}
