package dev.obo.onbehalf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.obo.onbehalf.downstream.OnBehalfOfInterceptor;
import dev.obo.onbehalf.token.OnBehalfOfTokens;

/**
 * The starter's entry point for an application: the downstream APIs of {@code onbehalf.downstream.*},
 * called on behalf of the current caller. {@code onBehalfOf.restClient("graph").build()} is a
 * {@code RestClient} whose calls carry the caller's token for Graph; a client of one's own gets the
 * same with {@code .requestInterceptor(onBehalfOf.interceptor("graph"))}; {@link #token} gives the
 * token itself.
 */
public final class OnBehalfOf {

    private final OnBehalfOfProperties properties;
    private final OnBehalfOfTokens tokens;
    private final Map<String, OnBehalfOfInterceptor> interceptors = new ConcurrentHashMap<>();

    public OnBehalfOf(OnBehalfOfProperties properties, OnBehalfOfTokens tokens) {
        this.properties = properties;
        this.tokens = tokens;
    }

    /** The interceptor that calls {@code downstream} with the current caller's token for it. */
    public OnBehalfOfInterceptor interceptor(String downstream) {
        return interceptors.computeIfAbsent(downstream,
                name -> new OnBehalfOfInterceptor(name, properties.downstream(name).baseUri(), tokens));
    }

    /**
     * A {@code RestClient} builder for {@code downstream}: its {@code base-uri} as base URL and its
     * interceptor, so that every call carries the current caller's token for it.
     */
    public RestClient.Builder restClient(String downstream) {
        OnBehalfOfProperties.Downstream api = properties.downstream(downstream);
        RestClient.Builder builder = RestClient.builder().requestInterceptor(interceptor(downstream));
        return api.baseUri() == null ? builder : builder.baseUrl(api.baseUri().toString());
    }

    /** The current caller's token for {@code downstream}, from the cache or On-Behalf-Of. */
    public OAuth2AccessToken token(String downstream) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
            throw new IllegalStateException("On-Behalf-Of needs a caller authenticated with a bearer token");
        }
        return tokens.acquire(downstream, caller).token();
    }

    /** The engine, for what the interceptor does not cover. */
    public OnBehalfOfTokens tokens() {
        return tokens;
    }
}
