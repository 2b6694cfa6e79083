package dev.obo.sandbox.junit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An authorize URL built the way a client library builds it: state, nonce and a fresh PKCE
 * pair (S256). Open it with a {@link BrowserlessUser}, then redeem the code with
 * {@link #codeVerifier}.
 */
public final class AuthorizationRequest {

    private static final SecureRandom RANDOM = new SecureRandom();

    public final String state = random();
    public final String nonce = random();
    public final String codeVerifier = random() + random();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final URI endpoint;

    public AuthorizationRequest(URI endpoint, String clientId, String redirectUri, String scope) {
        this.endpoint = endpoint;
        params.put("client_id", clientId);
        params.put("response_type", "code");
        params.put("redirect_uri", redirectUri);
        params.put("scope", scope);
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", s256(codeVerifier));
        params.put("code_challenge_method", "S256");
    }

    public AuthorizationRequest with(String name, String value) {
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return this;
    }

    public URI uri() {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(endpoint + "?" + query);
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636 section 4.2). */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
