package dev.obo.web.security;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The web app's calls to the identity provider's token endpoint (redeeming the code, refreshing
 * the tokens), on the JDK's HTTP client with connect and read timeouts. Spring Security's
 * default client has no timeouts, so a hung identity provider held every waiting request; and
 * the JDK's client drops a pooled connection the server closed, so the first request after the
 * identity provider restarts does not fail on a dead connection.
 */
final class TokenEndpointClients {

    private final RestClient http;

    TokenEndpointClients(Duration timeout) {
        JdkClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults().withTimeouts(timeout, timeout).withRedirects(HttpRedirects.DONT_FOLLOW));
        this.http = RestClient.builder()
                .requestFactory(requestFactory)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    RestClientAuthorizationCodeTokenResponseClient authorizationCode() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(http);
        return client;
    }

    RestClientRefreshTokenTokenResponseClient refreshToken() {
        RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
        client.setRestClient(http);
        return client;
    }
}
