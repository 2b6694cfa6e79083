package dev.obo.onbehalf.token;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.MDC;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.TokenExchangeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.obo.onbehalf.IdentityProviderClients;
import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.credential.ClientCredential;
import dev.obo.onbehalf.credential.ClientCredentials;

/**
 * The On-Behalf-Of request, built from Spring Security's OAuth 2.0 client: an
 * {@link OAuth2AuthorizedClientManager} with the JWT-bearer grant (Entra's OBO, plus
 * {@code requested_token_use=on_behalf_of}) or RFC 8693 token exchange, client
 * authentication by a {@link ClientCredential} (a secret, a certificate, a federated token file or
 * a managed identity), and the client capabilities as a {@code claims} request.
 * The manager stores nothing: {@link OnBehalfOfTokens} caches per assertion, which a
 * principal-keyed authorized-client store cannot (spring-security#14991).
 */
public final class OnBehalfOfRequests {

    private OnBehalfOfRequests() {
    }

    /** The manager with the credential {@code onbehalf.credential} describes, on the system clock. */
    public static OAuth2AuthorizedClientManager manager(OnBehalfOfProperties properties) {
        return manager(properties, ClientCredentials.of(properties.credential(), properties.timeout(), Clock.systemUTC()));
    }

    /**
     * The manager that makes one token request per call, for the registrations {@code obo:<downstream>:<tid>}, proving
     * this API with {@code credential}.
     */
    public static OAuth2AuthorizedClientManager manager(OnBehalfOfProperties properties, ClientCredential credential) {
        RestClient tokenEndpoint = tokenRestClient(properties, credential);
        RestClient discovery = RestClient.builder().requestFactory(IdentityProviderClients.requestFactory(properties.timeout())).build();
        TenantRegistrations registrations = new TenantRegistrations(properties, discoveredTokenUri(properties, discovery), credential.method());

        // The client capabilities (cp1): this API turns a downstream claims challenge into its own, so Entra may give it
        // continuous-access-evaluation tokens.
        String claims = ClientCapabilities.claims(properties.clientCapabilities(), null);
        RestClientJwtBearerTokenResponseClient jwtBearer = new RestClientJwtBearerTokenResponseClient();
        jwtBearer.setRestClient(tokenEndpoint);
        // NOTE: set, not add: appending a second converter made Spring Cloud Azure send grant_type twice on Security 7.
        jwtBearer.setParametersCustomizer(parameters -> {
            parameters.set("requested_token_use", "on_behalf_of");
            if (claims != null) {
                parameters.set("claims", claims);
            }
        });
        RestClientTokenExchangeTokenResponseClient tokenExchange = new RestClientTokenExchangeTokenResponseClient();
        tokenExchange.setRestClient(tokenEndpoint);
        tokenExchange.addParametersConverter(audience(properties));
        if (claims != null) {
            tokenExchange.addParametersConverter(request -> {
                MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
                parameters.set("claims", claims);
                return parameters;
            });
        }
        // The client authentication parameters, computed per request (a certificate or a token file may have changed);
        // Spring Security's defaults already carry client_id, and client_secret for client_secret_post.
        jwtBearer.addParametersConverter(credential::parameters);
        tokenExchange.addParametersConverter(credential::parameters);

        JwtBearerOAuth2AuthorizedClientProvider jwtBearerProvider = new JwtBearerOAuth2AuthorizedClientProvider();
        jwtBearerProvider.setAccessTokenResponseClient(jwtBearer);
        TokenExchangeOAuth2AuthorizedClientProvider tokenExchangeProvider = new TokenExchangeOAuth2AuthorizedClientProvider();
        tokenExchangeProvider.setAccessTokenResponseClient(tokenExchange);

        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, new NoStore());
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .provider(jwtBearerProvider).provider(tokenExchangeProvider).build());
        return manager;
    }

    /** RFC 8693 section 2.1's {@code audience}, for the downstream APIs whose identity provider needs one. */
    private static Converter<TokenExchangeGrantRequest, MultiValueMap<String, String>> audience(OnBehalfOfProperties properties) {
        return request -> {
            String id = request.getClientRegistration().getRegistrationId();
            String downstream = id.substring(id.indexOf(':') + 1, id.lastIndexOf(':'));
            String audience = properties.downstream(downstream).audience();
            MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
            if (audience != null && !audience.isBlank()) {
                parameters.set("audience", audience);
            }
            return parameters;
        };
    }

    private static RestClient tokenRestClient(OnBehalfOfProperties properties, ClientCredential credential) {
        return RestClient.builder()
                .requestFactory(IdentityProviderClients.requestFactory(properties.timeout()))
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .requestInterceptor((request, body, execution) -> {
                    String correlationId = MDC.get("correlationId");
                    if (correlationId != null) {
                        request.getHeaders().set("client-request-id", correlationId);
                    }
                    return execution.execute(request, body);
                })
                .defaultStatusHandler(new EntraErrorHandler(credential))
                .build();
    }

    /** The token endpoint named by the issuer's discovery document, read once on first use. */
    private static Supplier<URI> discoveredTokenUri(OnBehalfOfProperties properties, RestClient http) {
        URI discovery = URI.create(properties.issuer().replace("{tenantid}", "common").replaceAll("/+$", "")
                + "/.well-known/openid-configuration");
        return new Supplier<>() {
            private volatile URI tokenUri;

            @Override
            public URI get() {
                if (tokenUri == null) {
                    try {
                        Map<String, Object> metadata = http.get().uri(discovery).retrieve().body(EntraErrorHandler.MAP);
                        tokenUri = URI.create(String.valueOf(metadata.get("token_endpoint")));
                    } catch (RestClientException e) {
                        throw new IdentityProviderUnavailableException("cannot read " + discovery, e);
                    }
                }
                return tokenUri;
            }
        };
    }

    /** Stores no authorized client: the OBO cache is keyed per assertion, in {@link OnBehalfOfTokens}. */
    private static final class NoStore implements OAuth2AuthorizedClientService {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principalName) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
        }

        @Override
        public void removeAuthorizedClient(String registrationId, String principalName) {
        }
    }
}
