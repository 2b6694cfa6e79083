package dev.obo.onbehalf.credential;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A client assertion that another issuer made (a federated token, a managed identity's token),
 * as RFC 7523 section 2.2 sends it: {@code client_assertion_type} {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}
 * and {@code client_assertion}. {@code client_id} is already among Spring Security's default parameters.
 */
final class ClientAssertions {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The method the registrations carry: Spring Security sends {@code client_id} and no secret for it. */
    static final ClientAuthenticationMethod METHOD = ClientAuthenticationMethod.PRIVATE_KEY_JWT;

    private ClientAssertions() {
    }

    static MultiValueMap<String, String> parameters(String assertion) {
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        parameters.set("client_assertion_type", JWT_BEARER);
        parameters.set("client_assertion", assertion);
        return parameters;
    }

    /** The assertion's {@code exp}, read without verifying (its issuer's audience verifies it), or null when it has none or is no JWT. */
    static Instant expiry(String assertion) {
        try {
            Date exp = JWTParser.parse(assertion).getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
