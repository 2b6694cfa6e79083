package dev.obo.api.me;

import java.util.Map;

import org.slf4j.MDC;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.obo.api.ApiProperties;
import dev.obo.onbehalf.PooledHttpClients;
import dev.obo.onbehalf.OnBehalfOf;

/**
 * Calls Microsoft Graph's {@code GET /v1.0/me} with the user's Graph token, added by the
 * starter's interceptor ({@code onbehalf.downstream.graph}): the user's profile, as Graph
 * answers it. No retries: a profile is a nice-to-have next to the subscriptions.
 */
@Component
public class GraphClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final RestClient http;
    private final ApiProperties.Graph settings;

    GraphClient(ApiProperties properties, OnBehalfOf onBehalfOf) {
        this.settings = properties.graph();
        ClientHttpRequestFactory factory = PooledHttpClients.requestFactory(settings.timeout(), settings.timeout(), 100);
        this.http = onBehalfOf.restClient("graph").requestFactory(factory).build();
    }

    /** The signed-in user's profile. */
    public Map<String, Object> me() {
        try {
            return http.get().uri(settings.meUri()).header("client-request-id", MDC.get("correlationId"))
                    .exchange((request, response) -> {
                        Map<String, Object> body = read(response);
                        int status = response.getStatusCode().value();
                        if (status / 100 == 2) {
                            return body;
                        }
                        String code = body.get("error") instanceof Map<?, ?> error ? String.valueOf(error.get("code")) : null;
                        throw new GraphException("Graph answered " + status + " " + code, status, code, null);
                    });
        } catch (ResourceAccessException e) {
            throw new GraphException("Graph could not be reached: " + e.getMessage(), 0, null, e);
        }
    }

    private static Map<String, Object> read(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            Map<String, Object> body = response.bodyTo(JSON);
            return body == null ? Map.of() : body;
        } catch (RuntimeException unreadable) {
            return Map.of();
        }
    }
}
