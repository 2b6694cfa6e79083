package dev.obo.web.apiclient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import dev.obo.web.ScriptedApi;
import dev.obo.web.ScriptedApi.Answer;
import dev.obo.web.WebProperties;
import dev.obo.web.security.EntraRegistration;
import dev.obo.web.security.PendingChallenge.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the web app reads the API's answers, against a middle tier on a real socket that answers
 * what each test sets: the list and its timings; the challenges it acts on (consent by the API's
 * own problem type, claims, a refused token); everything else a failure, within the timeout, and
 * a redirect never followed with the user's token. The user's token comes from Spring Security's
 * authorized-client manager, as in the app.
 */
class ApiClientIT {

    private static final ScriptedApi api = ScriptedApi.start(0);
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final Authentication bob = new TestingAuthenticationToken("bob@onbehalf.test", null, "ROLE_USER");
    private final ApiClient client = new ApiClient(managerWithTokenOf(bob),
            new WebProperties("web", "secret", URI.create("http://localhost:9/tenant"), "{baseUrl}/account/callback", "{baseUrl}/",
                    List.of("openid"), "api://api/access_as_user", api.uri("/subscriptions"), TIMEOUT, Duration.ofSeconds(60),
                    Duration.ofSeconds(10), null, new WebProperties.Session(null, null)));

    @BeforeEach
    void signedIn() {
        SecurityContextHolder.getContext().setAuthentication(bob);
    }

    @AfterEach
    void signedOut() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void subscriptionsWhenApiAnswersThenItsListAndTimingsAndTheUserTokenWasSent() {
        api.answer("/subscriptions", Answer.of(200, "{\"value\": [{\"displayName\": \"Bob – Pay-As-You-Go\"}]}")
                .withHeader("Server-Timing", "obo;dur=3.5;desc=\"hit\", arm;dur=12.25"));

        Subscriptions answer = client.subscriptions();

        assertThat(answer.value()).singleElement().satisfies(s -> assertThat(s).containsEntry("displayName", "Bob – Pay-As-You-Go"));
        assertThat(answer.timing()).isEqualTo(new ServerTiming(3.5, true, 12.25));
        assertThat(api.authorizations()).last().isEqualTo("Bearer T1");
    }

    @Test
    void subscriptionsWhenApiAnswersConsentRequiredProblemThenConsentChallenge() {
        api.answer("/subscriptions", Answer.of(403, "{\"type\": \"urn:onbehalf:problem:consent-required\", \"title\": \"Consent required\"}"));

        assertThatExceptionOfType(ApiChallengeException.class).isThrownBy(client::subscriptions)
                .satisfies(challenge -> assertThat(challenge.kind()).isEqualTo(Kind.CONSENT));
    }

    @Test
    void subscriptionsWhenAnotherApisProblemTypeEndsInConsentRequiredThenFailureNotAChallenge() {
        api.answer("/subscriptions", Answer.of(403, "{\"type\": \"urn:example:consent-required\", \"title\": \"Not ours\"}"));

        assertThatExceptionOfType(ApiFailureException.class).isThrownBy(client::subscriptions)
                .satisfies(failure -> assertThat(failure.status()).isEqualTo(403))
                .satisfies(failure -> assertThat(failure.title()).isEqualTo("Not ours"));
    }

    @Test
    void subscriptionsWhenApiAsksForClaimsThenClaimsChallengeWithTheClaimsDecoded() {
        String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        api.answer("/subscriptions", Answer.of(401, "{}").withHeader("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\""
                + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\""));

        assertThatExceptionOfType(ApiChallengeException.class).isThrownBy(client::subscriptions)
                .satisfies(challenge -> assertThat(challenge.kind()).isEqualTo(Kind.CLAIMS))
                .satisfies(challenge -> assertThat(challenge.claims()).isEqualTo(claims));
    }

    @Test
    void subscriptionsWhenApiRefusesTheTokenThenTokenChallenge() {
        api.answer("/subscriptions", Answer.of(401, "{}").withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));

        assertThatExceptionOfType(ApiChallengeException.class).isThrownBy(client::subscriptions)
                .satisfies(challenge -> assertThat(challenge.kind()).isEqualTo(Kind.TOKEN));
    }

    @Test
    void subscriptionsWhenApiRefusesTheTokenWithClaimsThenTokenChallengeCarryingThem() {
        String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
        api.answer("/subscriptions", Answer.of(401, "{\"type\": \"urn:onbehalf:problem:invalid-token\", \"detail\": \"(AADSTS50173)\"}")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"the token was refused for On-Behalf-Of\", "
                        + "claims=\"" + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\""));

        assertThatExceptionOfType(ApiChallengeException.class).isThrownBy(client::subscriptions)
                .satisfies(challenge -> assertThat(challenge.kind()).isEqualTo(Kind.TOKEN))
                .satisfies(challenge -> assertThat(challenge.claims()).isEqualTo(claims));
    }

    @Test
    void subscriptionsWhenClaimsChallengeIsNotBase64ThenFailureNotAnError() {
        api.answer("/subscriptions", Answer.of(401, "{\"type\": \"urn:onbehalf:problem:downstream-claims-challenge\"}")
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\"{not base64}\""));

        assertThatExceptionOfType(ApiFailureException.class).isThrownBy(client::subscriptions)
                .satisfies(failure -> assertThat(failure.status()).isEqualTo(401))
                .satisfies(failure -> assertThat(failure.title()).isEqualTo("The API's sign-in challenge could not be read"));
    }

    @Test
    void subscriptionsWhenApiSlowerThanTheTimeoutThenNotReachableInTime() {
        api.answer("/subscriptions", Answer.of(200, "{\"value\": []}").after(TIMEOUT.multipliedBy(6)));
        Instant start = Instant.now();

        assertThatExceptionOfType(ApiFailureException.class).isThrownBy(client::subscriptions)
                .satisfies(failure -> assertThat(failure.status()).isEqualTo(503))
                .satisfies(failure -> assertThat(failure.title()).isEqualTo("The API is not reachable"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(TIMEOUT.multipliedBy(4));
    }

    @Test
    void subscriptionsWhenApiRedirectsThenNotFollowedSoTheTokenGoesNowhereElse() {
        try (ScriptedApi elsewhere = ScriptedApi.start(0)) {
            elsewhere.answer("/subscriptions", Answer.of(200, "{\"value\": []}"));
            api.answer("/subscriptions", Answer.of(302, "").withHeader("Location", elsewhere.uri("/subscriptions").toString()));

            assertThatExceptionOfType(ApiFailureException.class).isThrownBy(client::subscriptions)
                    .satisfies(failure -> assertThat(failure.status()).isEqualTo(302));
            assertThat(elsewhere.authorizations()).isEmpty();
        }
    }

    @Test
    void profileWhenApiFailsThenUnavailableWithWhatItSaid() {
        api.answer("/me", Answer.of(502, "{\"type\": \"urn:onbehalf:problem:downstream-error\", \"detail\": \"Graph is down.\"}"));

        Profile profile = client.profile();

        assertThat(profile.available()).isFalse();
        assertThat(profile.problem()).isEqualTo("Graph is down.");
    }

    private static AuthorizedClientServiceOAuth2AuthorizedClientManager managerWithTokenOf(Authentication user) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(EntraRegistration.ID).clientId("web").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/account/callback")
                .authorizationUri("http://localhost:9/authorize").tokenUri("http://localhost:9/token").build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        InMemoryOAuth2AuthorizedClientService authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);
        Instant now = Instant.now();
        authorizedClients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, user.getName(),
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "T1", now, now.plus(Duration.ofHours(1)))), user);
        return new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
    }
}
