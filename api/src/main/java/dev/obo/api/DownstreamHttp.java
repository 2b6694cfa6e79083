package dev.obo.api;

import java.time.Duration;

import org.apache.hc.core5.util.TimeValue;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The HTTP client of the calls to ARM and Graph: Apache HttpClient 5, pooled and synchronous
 * (up to 100 connections to a host), measured much cheaper per call than the JDK's client's
 * asynchronous machinery (docs/benchmarks.md). The downstream APIs answer; they do not redirect
 * or set cookies, and a redirect is never followed with the user's token. Retries are the
 * caller's to decide.
 */
public final class DownstreamHttp {

    private DownstreamHttp() {
    }

    public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool.setMaxConnTotal(200).setMaxConnPerRoute(100))
                // A connection idle for a while may have been closed by the other side: checked before use (a 1 ms read).
                .withConnectionConfigCustomizer(connection -> connection.setValidateAfterInactivity(TimeValue.ofMilliseconds(500)))
                .withHttpClientCustomizer(client -> client.disableAutomaticRetries().disableCookieManagement())
                .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout).withRedirects(HttpRedirects.DONT_FOLLOW));
    }
}
