package dev.obo.onbehalf.downstream;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.obo.onbehalf.token.DownstreamClaimsChallengeException;
import dev.obo.onbehalf.token.OnBehalfOfTokens;

/**
 * Calls one downstream API with a token got On-Behalf-Of the request's caller (the
 * {@link JwtAuthenticationToken} of the current security context):
 * <ul>
 * <li>the token goes only to the downstream API's own origin ({@code base-uri}), never to a
 * host a response names;</li>
 * <li>a 401 with a claims challenge (continuous access evaluation: {@code claims} in its
 * {@code WWW-Authenticate}) becomes a {@link DownstreamClaimsChallengeException}, with no retry and
 * no further token request for this assertion ({@link OnBehalfOfTokens#challenged}): a token from
 * the same assertion cannot satisfy a demand for a newer sign-in;</li>
 * <li>any other 401 evicts the token; if it came from the cache, a new one is got once (one
 * request for all concurrent callers) and the call is made again once;</li>
 * <li>its timings go to {@link DownstreamTimings}.</li>
 * </ul>
 */
public final class OnBehalfOfInterceptor implements ClientHttpRequestInterceptor {

    private static final Logger log = LoggerFactory.getLogger(OnBehalfOfInterceptor.class);
    private static final Pattern CLAIMS = Pattern.compile("(?:^|[\\s,])claims=\"([^\"]*)\"");

    private final String downstream;
    private final URI baseUri;
    private final OnBehalfOfTokens tokens;

    public OnBehalfOfInterceptor(String downstream, URI baseUri, OnBehalfOfTokens tokens) {
        this.downstream = downstream;
        this.baseUri = baseUri;
        this.tokens = tokens;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
        requireOwnOrigin(request.getURI());
        JwtAuthenticationToken caller = caller();
        DownstreamTimings timings = DownstreamTimings.current();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            OnBehalfOfTokens.Acquired token = tokens.acquire(downstream, caller);
            long acquired = System.nanoTime();
            timings.token(downstream, acquired - start, token.cacheHit());
            request.getHeaders().setBearerAuth(token.token().getTokenValue());
            ClientHttpResponse response = execution.execute(request, body);
            timings.call(downstream, System.nanoTime() - acquired);
            if (response.getStatusCode().value() != 401) {
                return response;
            }
            String claims = claimsChallenge(response.getHeaders().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE));
            if (claims != null) {
                response.close();
                log.info("event=downstream_claims_challenge downstream={}", downstream);
                tokens.challenged(downstream, caller, claims);
                throw new DownstreamClaimsChallengeException(downstream, claims);
            }
            tokens.evict(downstream, caller, token.token());
            if (!token.cacheHit() || attempt > 1) {
                return response;
            }
            response.close();
            log.info("event=downstream_token_refused downstream={} action=retry_with_new_token", downstream);
        }
    }

    private void requireOwnOrigin(URI uri) {
        if (baseUri != null && !(equalsIgnoreCase(uri.getScheme(), baseUri.getScheme()) && equalsIgnoreCase(uri.getHost(), baseUri.getHost())
                && port(uri) == port(baseUri))) {
            throw new IllegalStateException("The token for the downstream API '" + downstream + "' goes to " + baseUri.getScheme() + "://"
                    + baseUri.getRawAuthority() + " only, not to " + uri.getHost());
        }
    }

    private static JwtAuthenticationToken caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken caller) {
            return caller;
        }
        throw new IllegalStateException("On-Behalf-Of needs a caller authenticated with a bearer token; the current request has "
                + (authentication == null ? "none" : authentication.getClass().getSimpleName()));
    }

    /**
     * The claims (JSON) of a claims challenge among the 401's {@code WWW-Authenticate} values, or
     * null. Graph sends {@code error="insufficient_claims"} with them, as Microsoft documents; ARM
     * has been seen to send {@code error="invalid_token"} with them: the claims decide, not the error.
     */
    static String claimsChallenge(List<String> challenges) {
        for (String challenge : challenges) {
            Matcher m = CLAIMS.matcher(challenge);
            if (m.find()) {
                try {
                    String claims = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
                    if (!claims.isBlank()) {
                        return claims;
                    }
                } catch (IllegalArgumentException notBase64) {
                    log.warn("event=downstream_claims_unreadable reason=not_base64");
                }
            }
        }
        return null;
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
