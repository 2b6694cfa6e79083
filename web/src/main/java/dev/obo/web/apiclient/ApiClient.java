package dev.obo.web.apiclient;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.obo.web.WebProperties;
import dev.obo.web.security.EntraRegistration;

/**
 * Calls the API with the signed-in user's access token (Spring Security's OAuth 2.0 client
 * interceptor, which refreshes the token first when it is about to expire) and reads the
 * answer: the subscriptions and the API's {@code Server-Timing}, or what the API asks of the
 * user (consent, a claims challenge, or a new token; {@link ApiChallenges}), or a failure.
 */
@Component
public class ApiClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final RestClient http;
    private final URI subscriptionsUri;
    private final URI meUri;

    ApiClient(OAuth2AuthorizedClientManager manager, WebProperties properties) {
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(manager);
        bearer.setClientRegistrationIdResolver(request -> EntraRegistration.ID);
        // NOTE: redirects are not followed: the user's token goes to the API's own address only.
        JdkClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults().withTimeouts(properties.apiTimeout(), properties.apiTimeout())
                        .withRedirects(HttpRedirects.DONT_FOLLOW));
        this.subscriptionsUri = properties.subscriptionsUri();
        this.meUri = properties.meUri();
        this.http = RestClient.builder().requestFactory(requestFactory).requestInterceptor(bearer).build();
    }

    /** The user's subscriptions, as the API answered them. */
    public Subscriptions subscriptions() {
        long start = System.nanoTime();
        try {
            return http.get().uri(subscriptionsUri).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                Map<String, Object> body = readJson(response);
                if (status == 200) {
                    double millis = (System.nanoTime() - start) / 1e6;
                    return new Subscriptions(list(body.get("value")), ServerTiming.parse(response.getHeaders().getFirst("Server-Timing"), "arm"), millis);
                }
                ApiChallengeException challenge = ApiChallenges.of(status, response.getHeaders().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE), body);
                if (challenge != null) {
                    throw challenge;
                }
                ApiProblem problem = ApiProblem.of(status, body);
                throw new ApiFailureException(status, problem.title(), problem.detail());
            });
        } catch (ResourceAccessException e) {
            throw new ApiFailureException(503, "The API is not reachable",
                    "The web app could not reach the API. It may be starting or stopped.");
        }
    }

    /**
     * The user's Graph profile, through the API's {@code /me}. Secondary to the subscriptions: any
     * failure is answered as an unavailable profile, with what the API said.
     */
    public Profile profile() {
        long start = System.nanoTime();
        try {
            return http.get().uri(meUri).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                Map<String, Object> body = readJson(response);
                if (status == 200) {
                    return new Profile(body, ServerTiming.parse(response.getHeaders().getFirst("Server-Timing"), "graph"),
                            (System.nanoTime() - start) / 1e6, null);
                }
                return Profile.unavailable(ApiProblem.of(status, body).detail());
            });
        } catch (ResourceAccessException e) {
            return Profile.unavailable("The web app could not reach the API.");
        }
    }

    private static Map<String, Object> readJson(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            Map<String, Object> body = response.bodyTo(JSON);
            return body == null ? Map.of() : body;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
