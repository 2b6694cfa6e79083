package dev.obo.web.security;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import dev.obo.web.WebProperties;

/**
 * Builds the authorization request: PKCE (S256) even though this is a confidential client
 * (RFC 9700 section 2.1.1), {@code state} and {@code nonce} by Spring; and, when the API
 * sent a challenge, what it asks for: {@code prompt=consent} with the API's {@code .default}
 * scope, or the {@code claims} to satisfy (with {@code login_hint} so the user is not asked
 * who they are again).
 */
final class ChallengeAuthorizationRequests implements OAuth2AuthorizationRequestResolver {

    private final DefaultOAuth2AuthorizationRequestResolver delegate;
    private final WebProperties properties;

    ChallengeAuthorizationRequests(ClientRegistrationRepository registrations, WebProperties properties) {
        this.properties = properties;
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        customizeFor(request);
        return delegate.resolve(request);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        customizeFor(request);
        return delegate.resolve(request, clientRegistrationId);
    }

    private void customizeFor(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        PendingChallenge challenge = session == null ? null : (PendingChallenge) session.getAttribute(PendingChallenge.SESSION_ATTRIBUTE);
        String loginHint = session == null ? null : (String) session.getAttribute(LoginSuccessHandler.USERNAME_ATTRIBUTE);
        Consumer<OAuth2AuthorizationRequest.Builder> customizer = OAuth2AuthorizationRequestCustomizers.withPkce();
        if (challenge != null) {
            customizer = customizer.andThen(builder -> answer(builder, challenge, loginHint));
        }
        delegate.setAuthorizationRequestCustomizer(customizer);
    }

    private void answer(OAuth2AuthorizationRequest.Builder builder, PendingChallenge challenge, String loginHint) {
        builder.additionalParameters(parameters -> {
            if (loginHint != null) {
                parameters.put("login_hint", loginHint);
            }
            if (challenge.kind() == PendingChallenge.Kind.CONSENT) {
                parameters.put("prompt", "consent");
            } else {
                parameters.put("claims", challenge.claims());
            }
        });
        if (challenge.kind() == PendingChallenge.Kind.CONSENT) {
            Set<String> scopes = new LinkedHashSet<>(properties.scopes());
            scopes.add(properties.apiDefaultScope());
            builder.scopes(scopes);
        }
    }
}
