package dev.obo.api.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The identity provider's signing keys, found through its discovery document on first use
 * (so the API starts even while the identity provider is down) and then served by Nimbus's
 * {@link JWKSourceBuilder}: cached, refreshed ahead of expiry, refreshed at most once per
 * rate-limit interval when an unknown {@code kid} arrives (key rollover), and still
 * answering from cache during an outage.
 */
final class DiscoveredJwkSource implements JWKSource<SecurityContext> {

    private final URI discoveryUri;
    private final RestClient http;
    private volatile JWKSource<SecurityContext> delegate;

    DiscoveredJwkSource(URI discoveryUri, RestClient http) {
        this.discoveryUri = discoveryUri;
        this.http = http;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return delegate().get(selector, context);
    }

    private JWKSource<SecurityContext> delegate() throws KeySourceException {
        JWKSource<SecurityContext> source = delegate;
        if (source == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = build(jwksUri());
                }
                source = delegate;
            }
        }
        return source;
    }

    private URI jwksUri() throws KeySourceException {
        try {
            Map<String, Object> metadata = http.get().uri(discoveryUri).retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() { });
            Object jwksUri = metadata == null ? null : metadata.get("jwks_uri");
            if (!(jwksUri instanceof String uri)) {
                throw new KeySourceException("the discovery document " + discoveryUri + " has no jwks_uri");
            }
            return URI.create(uri);
        } catch (RestClientException e) {
            throw new KeySourceException("cannot read the discovery document " + discoveryUri + ": " + e.getMessage(), e);
        }
    }

    private static JWKSource<SecurityContext> build(URI jwksUri) throws KeySourceException {
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL())
                    .retrying(true)
                    .refreshAheadCache(true)
                    .rateLimited(true)
                    .outageTolerantForever()
                    .build();
        } catch (MalformedURLException e) {
            throw new KeySourceException("jwks_uri is not a URL: " + jwksUri, e);
        }
    }
}
