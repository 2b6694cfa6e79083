package dev.obo.onbehalf.token;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.onbehalf.OnBehalfOfException;
import dev.obo.onbehalf.credential.ClientCredential;
import dev.obo.onbehalf.credential.CredentialUnavailableException;

/**
 * Reads an error answer of the token endpoint in Entra's JSON and raises what it means.
 * Spring Security's own handler keeps only {@code error} and {@code error_description};
 * On-Behalf-Of needs Entra's {@code suberror}, {@code claims} and {@code error_codes} too.
 * A refused <em>user assertion</em> is the caller's (a new token); a refused <em>client
 * credential</em> is this API's ({@link CredentialUnavailableException}).
 */
final class EntraErrorHandler implements ResponseErrorHandler {

    private static final Pattern LEADING_AADSTS = Pattern.compile("^AADSTS(\\d+):");
    private static final Set<Integer> ASSERTION_REFUSED = Set.of(50013, 500133, 50173, 50057);
    /**
     * Entra's codes of a failed client authentication: a wrong (7000215) or expired (7000222) secret, no credential
     * (7000218), a client assertion that does not verify (700027), an expired federated token (700024), no federated
     * credential matching its issuer and subject (700211, 70021) or its audience (700212).
     */
    private static final Set<Integer> CLIENT_CREDENTIAL_REFUSED = Set.of(7000215, 7000222, 7000218, 700027, 700024, 700211, 70021, 700212);
    /** A permission missing from the registration: Entra answers it as invalid_client, yet no credential is at fault. */
    private static final int PERMISSION_MISSING = 65005;

    private final JsonMapper json = new JsonMapper();
    private final ClientCredential credential;

    EntraErrorHandler(ClientCredential credential) {
        this.credential = credential;
    }

    @Override
    public boolean hasError(ClientHttpResponse response) throws IOException {
        return response.getStatusCode().isError();
    }

    @Override
    public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        if (status >= 500 || status == 429) {
            throw new IdentityProviderUnavailableException("the identity provider answered " + status, null);
        }
        Map<String, Object> body = read(response);
        String error = String.valueOf(body.getOrDefault("error", "unknown"));
        String description = String.valueOf(body.getOrDefault("error_description", "")).lines().findFirst().orElse("");
        String claims = body.get("claims") instanceof String challenge && !challenge.isBlank() ? challenge : null;
        int code = firstCode(body, description);
        if (clientCredentialRefused(error, code)) {
            throw new CredentialUnavailableException(credential, code == 0 ? error : "AADSTS" + code, "by the identity provider", null);
        }
        // The assertion itself was refused: invalid (50013), outside its time window (500133), issued before the
        // user's sessions were revoked (50173, continuous access evaluation; with the claims of a newer sign-in), or
        // its user disabled (50057). Only a new token for this API can help, not a sign-in with claims alone.
        if ("invalid_grant".equals(error) && ASSERTION_REFUSED.contains(code)) {
            throw new AssertionRefusedException(description, claims);
        }
        if ("interaction_required".equals(error) || claims != null) {
            throw new ClaimsChallengeException(description, claims);
        }
        if ("consent_required".equals(body.get("suberror")) || code == 65001) {
            throw new ConsentRequiredException(description);
        }
        throw new OnBehalfOfException("the identity provider refused On-Behalf-Of: " + error + " " + description);
    }

    // RFC 6749 section 5.2: invalid_client is a failed client authentication (but for Entra's AADSTS65005). A malformed
    // JWT (AADSTS50027) is the client assertion's only then; as invalid_request it is the user assertion's.
    private static boolean clientCredentialRefused(String error, int code) {
        return CLIENT_CREDENTIAL_REFUSED.contains(code) || "invalid_client".equals(error) && code != PERMISSION_MISSING;
    }

    // Entra's error_codes, else the AADSTS number the description starts with, else 0.
    private static int firstCode(Map<String, Object> body, String description) {
        if (body.get("error_codes") instanceof List<?> codes && !codes.isEmpty() && codes.get(0) instanceof Number n) {
            return n.intValue();
        }
        Matcher m = LEADING_AADSTS.matcher(description);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private Map<String, Object> read(ClientHttpResponse response) throws IOException {
        try {
            Map<String, Object> body = json.readValue(response.getBody(), new TypeReference<Map<String, Object>>() { });
            return body == null ? Map.of() : body;
        } catch (JacksonException e) {
            return Map.of("error", "unreadable_error_response");
        }
    }

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
}
