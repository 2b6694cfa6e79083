package dev.obo.api.obo;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an error answer of the token endpoint in Entra's JSON and raises what it means.
 * Spring Security's own handler keeps only {@code error} and {@code error_description};
 * On-Behalf-Of needs Entra's {@code suberror}, {@code claims} and {@code error_codes} too.
 */
final class EntraErrorHandler implements ResponseErrorHandler {

    private final JsonMapper json = new JsonMapper();

    @Override
    public boolean hasError(ClientHttpResponse response) throws IOException {
        return response.getStatusCode().isError();
    }

    @Override
    public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        if (status >= 500) {
            throw new IdentityProviderUnavailableException("the identity provider answered " + status, null);
        }
        Map<String, Object> body = read(response);
        String error = String.valueOf(body.getOrDefault("error", "unknown"));
        String description = String.valueOf(body.getOrDefault("error_description", "")).lines().findFirst().orElse("");
        Object claims = body.get("claims");
        if ("interaction_required".equals(error) || claims instanceof String) {
            throw new ClaimsChallengeException(description, (String) claims);
        }
        if ("consent_required".equals(body.get("suberror")) || description.startsWith("AADSTS65001")) {
            throw new ConsentRequiredException(description);
        }
        if ("invalid_grant".equals(error) && (description.startsWith("AADSTS500133") || description.startsWith("AADSTS50013"))) {
            throw new AssertionRefusedException(description);
        }
        throw new OnBehalfOfException("the identity provider refused On-Behalf-Of: " + error + " " + description);
    }

    private Map<String, Object> read(ClientHttpResponse response) throws IOException {
        try {
            Map<String, Object> body = json.readValue(response.getBody(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
            return body == null ? Map.of() : body;
        } catch (JacksonException e) {
            return Map.of("error", "unreadable_error_response");
        }
    }

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
}
