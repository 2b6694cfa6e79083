package dev.obo.onbehalf.token;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
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
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.obo.onbehalf.IdentityProviderClients;
import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * The On-Behalf-Of request, built from Spring Security's OAuth 2.0 client: an
 * {@link OAuth2AuthorizedClientManager} with the JWT-bearer grant (Entra's OBO, plus
 * {@code requested_token_use=on_behalf_of}) or RFC 8693 token exchange, client
 * authentication by secret ({@code client_secret_post}) or certificate ({@code private_key_jwt}),
 * and the client capabilities as a {@code claims} request.
 * The manager stores nothing: {@link OnBehalfOfTokens} caches per assertion, which a
 * principal-keyed authorized-client store cannot (spring-security#14991).
 */
public final class OnBehalfOfRequests {

    private OnBehalfOfRequests() {
    }

    /** The manager that makes one token request per call, for the registrations {@code obo:<downstream>:<tid>}. */
    public static OAuth2AuthorizedClientManager manager(OnBehalfOfProperties properties) {
        RestClient tokenEndpoint = tokenRestClient(properties);
        RestClient discovery = RestClient.builder().requestFactory(IdentityProviderClients.requestFactory(properties.timeout())).build();
        TenantRegistrations registrations = new TenantRegistrations(properties, discoveredTokenUri(properties, discovery));

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
        if (properties.credential().isCertificate()) {
            Function<ClientRegistration, JWK> key = certificateKey(properties.credential());
            jwtBearer.addParametersConverter(new NimbusJwtClientAuthenticationParametersConverter<JwtBearerGrantRequest>(key));
            tokenExchange.addParametersConverter(new NimbusJwtClientAuthenticationParametersConverter<TokenExchangeGrantRequest>(key));
        }

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

    private static RestClient tokenRestClient(OnBehalfOfProperties properties) {
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
                .defaultStatusHandler(new EntraErrorHandler())
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

    /** The certificate's key, read once at start-up; a file that cannot work stops start-up with one line naming it. */
    static Function<ClientRegistration, JWK> certificateKey(OnBehalfOfProperties.Credential credential) {
        try (InputStream in = Files.newInputStream(credential.certificatePath())) {
            char[] password = credential.certificatePassword() == null ? new char[0] : credential.certificatePassword().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = store.aliases().nextElement();
            X509Certificate x509 = (X509Certificate) store.getCertificate(alias);
            RSAKey key = new RSAKey.Builder(RSAKey.parse(x509)).privateKey((PrivateKey) store.getKey(alias, password))
                    .keyIDFromThumbprint().build();
            return registration -> key;
        } catch (Exception e) {
            throw new IllegalStateException("onbehalf.credential.certificate-path: cannot read a PKCS#12 key and certificate from "
                    + credential.certificatePath() + ": " + e.getMessage(), e);
        }
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
