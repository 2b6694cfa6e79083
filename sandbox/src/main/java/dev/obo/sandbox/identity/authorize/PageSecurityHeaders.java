package dev.obo.sandbox.identity.authorize;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The protection of the sandbox's pages (sign-in, second factor, consent, form post, error,
 * signed out), the web app's own: {@code X-Frame-Options: DENY} and a Content Security Policy
 * with {@code frame-ancestors 'none'} (CSP Level 3), so that no other site can frame a sign-in
 * page and trick a click; only the sandbox's own scripts and styles ({@code /form-post.js});
 * and forms that post to the sandbox alone, or, on the pages of an authorization flow, also to
 * that flow's redirect URI. Set on every answer of the sandbox's handlers; a JSON answer ignores it.
 */
@Component
class PageSecurityHeaders extends OncePerRequestFilter {

    static final String CSP = "Content-Security-Policy";
    // RFC 3986 section 3.1.
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader(CSP, policy(""));
        chain.doFilter(request, response);
    }

    /**
     * Lets this answer's forms post to {@code redirectUri}'s origin too: the form post response
     * goes there, and so does the redirect that follows a sign-in, second-factor or consent form,
     * which browsers check against {@code form-action} as well.
     */
    static void allowFormsTo(HttpServletResponse response, String redirectUri) {
        origin(redirectUri).ifPresent(origin -> response.setHeader(CSP, policy(" " + origin)));
    }

    private static String policy(String formTargets) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                + "form-action 'self'" + formTargets + "; frame-ancestors 'none'";
    }

    // A CSP source built from the parsed parts, so that nothing else of the URI reaches the header:
    // scheme://host:port for http(s), the bare scheme for an app's custom scheme (myapp://callback).
    private static Optional<String> origin(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            String scheme = uri.getScheme();
            if (scheme == null || !SCHEME.matcher(scheme).matches()) {
                return Optional.empty();
            }
            if (uri.getHost() == null) {
                return Optional.of(scheme + ":");
            }
            return Optional.of(scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
