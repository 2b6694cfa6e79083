package dev.obo.sandbox.junit;

import java.time.Instant;
import java.util.Map;

/**
 * A client the sandbox's token endpoint let in: its id, how it proved itself ({@code client_secret_basic},
 * {@code client_secret_post}, {@code private_key_jwt}, {@code federated} or {@code none}), when, and the
 * decoded {@code header} and {@code claims} of its client assertion (both empty for a secret). The sandbox
 * never keeps the assertion itself or its signature.
 */
public record ClientAuthentication(String clientId, String method, Instant at, Map<String, Object> header,
                                   Map<String, Object> claims) {

    @SuppressWarnings("unchecked")
    static ClientAuthentication of(Map<String, Object> json) {
        Map<String, Object> assertion = (Map<String, Object>) json.get("assertion");
        return new ClientAuthentication((String) json.get("clientId"), (String) json.get("method"),
                Instant.parse((String) json.get("at")),
                assertion == null ? Map.of() : Map.copyOf((Map<String, Object>) assertion.get("header")),
                assertion == null ? Map.of() : Map.copyOf((Map<String, Object>) assertion.get("claims")));
    }
}
