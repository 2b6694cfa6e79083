package dev.obo.web.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import dev.obo.web.WebProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization request of each sign-in is built from that request's own session only:
 * under many concurrent sign-ins, no visitor gets another user's {@code login_hint},
 * {@code prompt} or {@code claims}, and no challenged user loses theirs.
 */
class ChallengeAuthorizationRequestsTest {

    private static final int THREADS = 16;
    private static final int ROUNDS = 1_500;

    private final WebProperties properties = new WebProperties("web-client", "secret", URI.create("http://localhost:9/tenant"),
            "{baseUrl}/account/callback", "{baseUrl}/", List.of("openid", "profile", "offline_access"),
            "api://api-client/access_as_user", URI.create("http://localhost:9/subscriptions"), Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofSeconds(10), null, new WebProperties.Session(null, null));
    private final ChallengeAuthorizationRequests resolver = new ChallengeAuthorizationRequests(
            new EntraRegistrationConfig().clientRegistrationRepository(properties), properties);

    @Test
    void resolveWhenNoChallengeThenPkceStateNonceAndNoChallengeParameters() {
        OAuth2AuthorizationRequest request = resolver.resolve(signInRequest(null));

        assertThat(request.getAuthorizationRequestUri()).contains("code_challenge_method=S256", "state=", "nonce=")
                .doesNotContain("login_hint", "prompt", "claims");
        assertThat(request.getScopes()).contains("api://api-client/access_as_user");
    }

    @Test
    void resolveWhenConsentPendingThenPromptConsentLoginHintAndDefaultScope() {
        OAuth2AuthorizationRequest request = resolver.resolve(signInRequest(new Visitor(1, PendingChallenge.Kind.CONSENT)));

        assertThat(request.getAdditionalParameters()).containsEntry("prompt", "consent").containsEntry("login_hint", "user1@onbehalf.test")
                .containsKey("code_challenge").containsKey("nonce");
        assertThat(request.getScopes()).contains("api://api-client/.default").doesNotContain("api://api-client/access_as_user");
        assertThat(request.getAuthorizationRequestUri()).contains("prompt=consent", "login_hint=user1", ".default", "code_challenge=");
    }

    @Test
    void resolveWhenTheRefusedTokenCameWithClaimsThenSignInAgainWithThemAndLoginHint() {
        String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
        MockHttpServletRequest signIn = signInRequest(new Visitor(2, PendingChallenge.Kind.TOKEN));
        signIn.getSession().setAttribute(PendingChallenge.SESSION_ATTRIBUTE, new PendingChallenge(PendingChallenge.Kind.TOKEN, claims, "/"));

        OAuth2AuthorizationRequest request = resolver.resolve(signIn);

        assertThat(request.getAdditionalParameters()).containsEntry("claims", claims).containsEntry("login_hint", "user2@onbehalf.test")
                .doesNotContainKey("prompt");
        assertThat(request.getAuthorizationRequestUri()).contains("claims=%7B%22access_token%22:%7B%22nbf%22");
    }

    @Test
    void resolveWhenManySignInsAtOnceThenEachCarriesOnlyItsOwnChallenge() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int id = thread;
            results.add(pool.submit((Callable<List<String>>) () -> {
                start.await();
                List<String> crossed = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    // Half the threads are anonymous visitors, the others users with a pending consent or claims challenge.
                    Visitor visitor = id % 2 == 0 ? null
                            : new Visitor(id, id % 4 == 1 ? PendingChallenge.Kind.CONSENT : PendingChallenge.Kind.CLAIMS);
                    String problem = crossedOver(visitor, resolver.resolve(signInRequest(visitor)));
                    if (problem != null) {
                        crossed.add(problem);
                    }
                }
                return crossed;
            }));
        }
        start.countDown();
        List<String> crossed = new ArrayList<>();
        for (Future<List<String>> result : results) {
            crossed.addAll(result.get());
        }
        pool.shutdown();

        assertThat(crossed.size()).as("authorization requests that carried another session's challenge or lost their own, e.g. %s",
                crossed.stream().limit(5).toList()).isZero();
    }

    private static String crossedOver(Visitor visitor, OAuth2AuthorizationRequest request) {
        var parameters = request.getAdditionalParameters();
        String uri = request.getAuthorizationRequestUri();
        if (visitor == null) {
            boolean leaked = parameters.containsKey("login_hint") || parameters.containsKey("prompt") || parameters.containsKey("claims")
                    || uri.contains("login_hint=") || uri.contains("prompt=") || uri.contains("claims=");
            return leaked ? "anonymous got " + parameters.get("login_hint") + " " + parameters.get("prompt") : null;
        }
        if (!visitor.username().equals(parameters.get("login_hint")) || !uri.contains("login_hint=" + visitor.username())) {
            return "user" + visitor.id() + " got login_hint " + parameters.get("login_hint");
        }
        boolean consent = visitor.kind() == PendingChallenge.Kind.CONSENT;
        if (consent != "consent".equals(parameters.get("prompt")) || (consent ? parameters.containsKey("claims")
                : !visitor.claims().equals(parameters.get("claims")))) {
            return "user" + visitor.id() + " (" + visitor.kind() + ") got prompt " + parameters.get("prompt") + " claims " + parameters.get("claims");
        }
        return null;
    }

    private static MockHttpServletRequest signInRequest(Visitor visitor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", EntraRegistration.SIGN_IN_PATH);
        if (visitor != null) {
            MockHttpSession session = new MockHttpSession();
            session.setAttribute(LoginSuccessHandler.USERNAME_ATTRIBUTE, visitor.username());
            session.setAttribute(PendingChallenge.SESSION_ATTRIBUTE, new PendingChallenge(visitor.kind(), visitor.claims(), "/"));
            request.setSession(session);
        }
        return request;
    }

    private record Visitor(int id, PendingChallenge.Kind kind) {

        String username() {
            return "user" + id + "@onbehalf.test";
        }

        String claims() {
            return kind == PendingChallenge.Kind.CLAIMS ? "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c" + id + "\"}}}" : null;
        }
    }
}
