package dev.obo.onbehalf.inbound;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver}, with a fast path for a well-formed
 * header. The default matches {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive)
 * with a regular expression, which measured about 4% of the API's CPU per request for a
 * 1 KB token. A header that is {@code Bearer } plus an RFC 6750 {@code b64token} is answered
 * here with the same token; anything else (no header, another scheme, a malformed token) goes
 * to the default resolver, which gives its usual answer and errors. A request with more than
 * one {@code Authorization} header is refused as {@code invalid_request} (400).
 */
final class BearerHeaderTokenResolver implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
        String header = headers.hasMoreElements() ? headers.nextElement() : null;
        if (headers.hasMoreElements()) {
            // RFC 6750 section 2: one method, one token per request; never guess which header counts.
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest("Found multiple Authorization headers in the request"));
        }
        if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) && isB64Token(header, SCHEME.length())) {
            return header.substring(SCHEME.length());
        }
        return fallback.resolve(request);
    }

    /** RFC 6750 section 2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, from {@code start} to the end. */
    static boolean isB64Token(String value, int start) {
        int i = start;
        while (i < value.length() && isTokenChar(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < value.length() && value.charAt(i) == '=') {
            i++;
        }
        return i == value.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
