package dev.obo.onbehalf.credential;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.MultiValueMap;

/**
 * How this API authenticates one token request (RFC 6749 section 2.3; RFC 7523 section 2.2 for
 * a {@code client_assertion}). Spring Security's default parameters already carry {@code client_id}
 * (and {@code client_secret} for {@code client_secret_post}); a credential adds only what it proves
 * itself with. Implementations are shared by every thread: any state they keep is an immutable value
 * swapped whole.
 */
public interface ClientCredential {

    /** The client authentication method of the registrations. */
    ClientAuthenticationMethod method();

    /**
     * The client authentication parameters of {@code request}, such as {@code client_assertion_type}
     * and {@code client_assertion}; empty for a secret.
     *
     * @throws CredentialUnavailableException when the credential's source cannot give it now
     */
    MultiValueMap<String, String> parameters(AbstractOAuth2AuthorizationGrantRequest request);

    /** {@code secret}, {@code certificate}, {@code federated} or {@code managed-identity}. */
    String type();

    /** Where it comes from, for the log and the problem's detail: a path, an endpoint; never a value. */
    String source();

    /** "this API's federated credential (token file /var/run/...)", for the log and the problem's detail. */
    default String description() {
        return "this API's " + type() + " credential (" + source() + ")";
    }
}
