package dev.obo.sandbox.identity.token;

import java.util.LinkedHashMap;
import java.util.Map;

/** A successful token response, in Entra's field names (RFC 6749 section 5.1, plus {@code ext_expires_in} and {@code client_info}). */
record TokenResponse(String accessToken, long expiresIn, String scope, String refreshToken, String idToken,
                     String clientInfo, String issuedTokenType) {

    TokenResponse withIssuedTokenType(String type) {
        return new TokenResponse(accessToken, expiresIn, scope, refreshToken, idToken, clientInfo, type);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("token_type", "Bearer");
        json.put("scope", scope);
        json.put("expires_in", expiresIn);
        json.put("ext_expires_in", expiresIn);
        json.put("access_token", accessToken);
        putIfPresent(json, "refresh_token", refreshToken);
        putIfPresent(json, "id_token", idToken);
        putIfPresent(json, "client_info", clientInfo);
        putIfPresent(json, "issued_token_type", issuedTokenType);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
