package dev.obo.web.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import dev.obo.web.ScriptedApi;
import dev.obo.web.ScriptedApi.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The web app's calls to the token endpoint, against an identity provider on a real socket that
 * answers what each test sets: a hung one fails the call within the timeout instead of holding
 * the user's request, and a redirect is not followed with the client secret.
 */
class TokenEndpointClientsIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final ScriptedApi identityProvider = ScriptedApi.start(0);

    private final TokenEndpointClients clients = new TokenEndpointClients(TIMEOUT);

    @AfterAll
    static void stop() {
        identityProvider.close();
    }

    @Test
    void refreshWhenTokenEndpointHangsThenFailsWithinTheTimeout() {
        identityProvider.answer("/token", Answer.of(200, "{}").after(TIMEOUT.multipliedBy(6)));
        Instant start = Instant.now();

        assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(() -> clients.refreshToken().getTokenResponse(refresh()));

        assertThat(Duration.between(start, Instant.now())).isLessThan(TIMEOUT.multipliedBy(4));
    }

    @Test
    void refreshWhenTokenEndpointRedirectsThenNotFollowed() {
        try (ScriptedApi elsewhere = ScriptedApi.start(0)) {
            elsewhere.answer("/token", Answer.of(200, "{\"access_token\": \"T2\", \"token_type\": \"Bearer\", \"expires_in\": 120}"));
            identityProvider.answer("/token", Answer.of(307, "").withHeader("Location", elsewhere.uri("/token").toString()));

            assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(() -> clients.refreshToken().getTokenResponse(refresh()));

            assertThat(elsewhere.authorizations()).isEmpty();
        }
    }

    private static OAuth2RefreshTokenGrantRequest refresh() {
        ClientRegistration registration = ClientRegistration.withRegistrationId(EntraRegistration.ID).clientId("web").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/account/callback")
                .authorizationUri(identityProvider.uri("/authorize").toString()).tokenUri(identityProvider.uri("/token").toString()).build();
        Instant now = Instant.now();
        return new OAuth2RefreshTokenGrantRequest(registration,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "T1", now.minusSeconds(120), now),
                new OAuth2RefreshToken("R1", now.minusSeconds(120)));
    }
}
