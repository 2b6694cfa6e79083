package dev.obo.web.security;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import dev.obo.web.WebProperties;

/**
 * Builds the authorization request: Spring's, with {@code state}, {@code nonce} and PKCE
 * (S256, required by the registration even though this is a confidential client, RFC 9700
 * section 2.1.1); and, when the API sent a challenge, what it asks for: {@code prompt=consent}
 * with the API's {@code .default} scope, or the {@code claims} to satisfy (a claims challenge, or
 * a refused token's, as continuous access evaluation asks; with {@code login_hint} so the user is
 * not asked who they are again).
 * <p>
 * NOTE: shared by every request, so it holds no per-request state: the challenge is read
 * from the request's own session and applied to a copy of the request Spring resolved.
 */
final class ChallengeAuthorizationRequests implements OAuth2AuthorizationRequestResolver {

    private final OAuth2AuthorizationRequestResolver delegate;
    private final WebProperties properties;

    ChallengeAuthorizationRequests(ClientRegistrationRepository registrations, WebProperties properties) {
        this.properties = properties;
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        try {
            return answerChallenge(request, delegate.resolve(request));
        } catch (IllegalArgumentException unknownRegistration) {
            // /oauth2/authorization/<not ours>: no authorization request; the path is then like any other (sign in, or 404).
            return null;
        }
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        try {
            return answerChallenge(request, delegate.resolve(request, clientRegistrationId));
        } catch (IllegalArgumentException unknownRegistration) {
            return null;
        }
    }

    private OAuth2AuthorizationRequest answerChallenge(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
        HttpSession session = request.getSession(false);
        PendingChallenge challenge = session == null ? null : (PendingChallenge) session.getAttribute(PendingChallenge.SESSION_ATTRIBUTE);
        if (resolved == null || challenge == null) {
            return resolved;
        }
        String loginHint = (String) session.getAttribute(LoginSuccessHandler.USERNAME_ATTRIBUTE);
        // from() keeps state, nonce, PKCE and their attributes; the request URI is built again from the new parameters.
        OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.from(resolved).additionalParameters(parameters -> {
            if (loginHint != null) {
                parameters.put("login_hint", loginHint);
            }
            if (challenge.kind() == PendingChallenge.Kind.CONSENT) {
                parameters.put("prompt", "consent");
            } else if (challenge.claims() != null) {
                // A claims challenge, or a refused token with the claims a fresh one needs (continuous access evaluation).
                parameters.put("claims", challenge.claims());
            }
        });
        if (challenge.kind() == PendingChallenge.Kind.CONSENT) {
            Set<String> scopes = new LinkedHashSet<>(properties.scopes());
            scopes.add(properties.apiDefaultScope());
            builder.scopes(scopes);
        }
        return builder.build();
    }
}
