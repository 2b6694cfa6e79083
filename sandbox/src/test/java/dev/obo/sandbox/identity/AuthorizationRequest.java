package dev.obo.sandbox.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;


/** Builds authorize URLs the way a client library does: state, nonce and a fresh PKCE pair. */
final class AuthorizationRequest {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String state = random();
    final String nonce = random();
    final String codeVerifier = random() + random();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final URI endpoint;

    AuthorizationRequest(URI endpoint, String clientId, String redirectUri, String scope) {
        this.endpoint = endpoint;
        params.put("client_id", clientId);
        params.put("response_type", "code");
        params.put("redirect_uri", redirectUri);
        params.put("scope", scope);
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", AuthorizationCodeGrant.s256(codeVerifier));
        params.put("code_challenge_method", "S256");
    }

    AuthorizationRequest with(String name, String value) {
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return this;
    }

    URI uri() {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(endpoint + "?" + query);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
