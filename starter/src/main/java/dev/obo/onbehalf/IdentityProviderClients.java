package dev.obo.onbehalf;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The HTTP client of every call to the identity provider (its discovery document, its key set's
 * discovery, its token endpoint): the JDK's, on HTTP/1.1, following no redirect, with
 * {@code onbehalf.timeout} to connect and to read. Built with Spring Boot's request-factory builder.
 */
public final class IdentityProviderClients {

    private IdentityProviderClients() {
    }

    public static ClientHttpRequestFactory requestFactory(Duration timeout) {
        return ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults().withTimeouts(timeout, timeout).withRedirects(HttpRedirects.DONT_FOLLOW));
    }
}
