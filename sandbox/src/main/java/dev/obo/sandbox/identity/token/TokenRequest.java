package dev.obo.sandbox.identity.token;

import java.util.Map;
import java.util.Optional;

import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * The parameters of one token request. A parameter sent twice is refused (RFC 6749
 * section 3.2: "Request and response parameters MUST NOT be included more than once").
 * {@code claims}, which every grant takes, is read once, by {@link #withClaims}.
 */
record TokenRequest(Map<String, String[]> parameters, String authorizationHeader, ClaimsRequest claims) {

    TokenRequest(Map<String, String[]> parameters, String authorizationHeader) {
        this(parameters, authorizationHeader, ClaimsRequest.NONE);
    }

    /** This request with its {@code claims} parameter read (AADSTS9002313 when it is no JSON object). */
    TokenRequest withClaims() {
        return new TokenRequest(parameters, authorizationHeader, ClaimsRequest.parse(optional("claims").orElse(null)));
    }

    Optional<String> optional(String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw new EntraException(EntraError.DUPLICATE_PARAMETER, name);
        }
        return Optional.of(values[0]).filter(v -> !v.isBlank());
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new EntraException(EntraError.MISSING_PARAMETER, name));
    }

    /** Checks that no parameter at all is duplicated, before any is read. */
    void rejectDuplicates() {
        parameters.forEach((name, values) -> {
            if (values.length > 1) {
                throw new EntraException(EntraError.DUPLICATE_PARAMETER, name);
            }
        });
    }
}
