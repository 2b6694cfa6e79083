package dev.obo.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app's authorized-client manager, the bean {@link EntraRegistrationConfig} builds, against
 * the real sandbox: requests of one session that wait while its token is refreshed use that
 * refresh's token, so the refresh token is redeemed once. The first request is held after it
 * took the session's turn (at its first read of the session) until the others are waiting, so
 * that they overlap whatever the machine's load.
 */
class OneRefreshPerSessionIT extends WebIT {

    private static final int REQUESTS = 8;

    @Autowired
    private OAuth2AuthorizedClientManager manager;
    @Autowired
    private OAuth2AuthorizedClientRepository authorizedClients;
    @Autowired
    private ClientRegistrationRepository registrations;
    private final Authentication bob = new TestingAuthenticationToken(DemoTenant.BOB, null);

    @Test
    void authorizeWhenRequestsOfOneSessionWaitForARefreshThenTheyUseItsTokenAndTheRefreshTokenIsRedeemedOnce(Sandbox sandbox)
            throws Exception {
        HeldSession session = new HeldSession();
        authorizedClients.saveAuthorizedClient(signedInClient(sandbox), bob, request(session), new MockHttpServletResponse());
        long refreshes = sandbox.tokenRequests("refresh_token");
        long issued = sandbox.tokenRequests("refresh_token", "issued");

        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            session.holdNextRead();
            Future<OAuth2AuthorizedClient> first = pool.submit(() -> authorize(session));
            session.held.await();
            List<Thread> waiting = new ArrayList<>();
            List<Future<OAuth2AuthorizedClient>> others = new ArrayList<>();
            for (int i = 1; i < REQUESTS; i++) {
                others.add(pool.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    return authorize(session);
                }));
            }
            awaitWaiting(waiting, REQUESTS - 1);
            session.release.countDown();

            String refreshed = first.get().getAccessToken().getTokenValue();
            for (Future<OAuth2AuthorizedClient> other : others) {
                assertThat(other.get().getAccessToken().getTokenValue()).as("the token the waiting request used").isEqualTo(refreshed);
            }
            assertThat(sandbox.tokenRequests("refresh_token") - refreshes).as("refresh_token grants").isEqualTo(1);
            assertThat(sandbox.tokenRequests("refresh_token", "issued") - issued).as("refresh_token grants that succeeded").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private OAuth2AuthorizedClient authorize(MockHttpSession session) {
        return manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(EntraRegistration.ID).principal(bob)
                .attribute(HttpServletRequest.class.getName(), request(session))
                .attribute(HttpServletResponse.class.getName(), new MockHttpServletResponse()).build());
    }

    private static MockHttpServletRequest request(MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setSession(session);
        return request;
    }

    // Parked threads are the ones waiting for the session's turn: nothing else in authorize() waits.
    private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the other requests did not wait for the first one");
    }

    /** Bob's tokens from the sandbox (its password grant, as the web app), as the web app holds them after sign-in. */
    private OAuth2AuthorizedClient signedInClient(Sandbox sandbox) {
        Map<String, Object> tokens = sandbox.token(Map.of("grant_type", "password", "client_id", DemoTenant.WEB,
                "client_secret", DemoTenant.WEB_SECRET, "username", DemoTenant.BOB, "password", DemoTenant.PASSWORD,
                "scope", "openid profile offline_access " + DemoTenant.API_SCOPE));
        assertThat(tokens).containsKey("refresh_token");
        Instant now = Instant.now();
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, (String) tokens.get("access_token"), now,
                now.plusSeconds(((Number) tokens.get("expires_in")).longValue()));
        return new OAuth2AuthorizedClient(registrations.findByRegistrationId(EntraRegistration.ID), bob.getName(), access,
                new OAuth2RefreshToken((String) tokens.get("refresh_token"), now));
    }

    /** A session whose next read, once armed, waits until released: the reader is the request whose turn it is. */
    private static final class HeldSession extends MockHttpSession {

        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean();

        void holdNextRead() {
            armed.set(true);
        }

        @Override
        public Object getAttribute(String name) {
            if (armed.compareAndSet(true, false)) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.getAttribute(name);
        }
    }
}
