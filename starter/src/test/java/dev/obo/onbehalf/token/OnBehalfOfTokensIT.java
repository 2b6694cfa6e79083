package dev.obo.onbehalf.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.sandbox.junit.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's decisions, against the real sandbox's token endpoint, with one clock that the
 * test moves for both (no sleeping): an entry dies at the downstream token's expiry minus the
 * skew and never past the assertion's {@code exp}; a use within the refresh window refreshes it
 * in the background; concurrent first calls make one token request; a refused assertion is
 * asked about once. The engine declares {@code cp1}, so ARM's tokens are continuous-access-evaluation
 * tokens, here of 45 minutes (Entra's are up to 28 hours), whose {@code exp} the entry follows as any
 * token's, against assertions of an hour.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, properties = "sandbox.identity.cae-token-lifetime=45m")
class OnBehalfOfTokensIT {

    private static final Duration SKEW = Duration.ofMinutes(2);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    private static Sandbox sandbox;
    private static SettableClock CLOCK;

    private OnBehalfOfTokens tokens;

    @BeforeAll
    static void identityProvider(Sandbox own) {
        sandbox = own;
        CLOCK = own.clock();
    }

    @BeforeEach
    void engine() {
        tokens = engine(REFRESH_AHEAD);
    }

    private OnBehalfOfTokens engine(Duration refreshAhead) {
        OnBehalfOfProperties properties = new OnBehalfOfProperties(DemoTenant.API,
                OnBehalfOfProperties.Credential.secret(DemoTenant.API_SECRET), sandbox.issuer(), null, null, List.of("access_as_user"), "jwt-bearer", null, null, Duration.ofSeconds(5),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5), null, null,
                Map.of("arm", new OnBehalfOfProperties.Downstream(List.of(DemoTenant.ARM_SCOPE), null, null)),
                new OnBehalfOfProperties.Cache(100, SKEW, refreshAhead));
        return new OnBehalfOfTokens(OnBehalfOfRequests.manager(properties), properties,
                new CaffeineTokenStore(100, CLOCK, new SimpleMeterRegistry()), CLOCK, new SimpleMeterRegistry());
    }

    /** When the engine's clock says the token expires: its {@code expires_in} from when it was got. */
    private static Instant expiry(OnBehalfOfTokens.Acquired acquired, Instant gotAt) {
        return gotAt.plus(Duration.between(acquired.token().getIssuedAt(), acquired.token().getExpiresAt()));
    }

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    @Test
    void acquireWhenAtTheTokensExpiryMinusTheSkewThenTheEntryIsDead() throws Exception {
        tokens = engine(Duration.ZERO); // no refresh ahead, so that nothing but death makes a request
        JwtAuthenticationToken alice = EngineCalls.caller(sandbox, DemoTenant.ALICE);
        Instant gotAt = CLOCK.instant();
        Instant expiry = expiry(tokens.acquire("arm", alice), gotAt);
        long requests = oboRequests();

        CLOCK.advance(Duration.between(CLOCK.instant(), expiry.minus(SKEW).minusSeconds(5)));
        assertThat(tokens.acquire("arm", alice).cacheHit()).as("just before expiry minus the skew").isTrue();
        CLOCK.advance(Duration.ofSeconds(10));
        OnBehalfOfTokens.Acquired after = tokens.acquire("arm", alice);

        assertThat(after.cacheHit()).as("just after expiry minus the skew").isFalse();
        assertThat(oboRequests() - requests).isEqualTo(1);
    }

    @Test
    void acquireWhenTheAssertionExpiresBeforeTheTokenThenTheEntryDiesWithTheAssertion() throws Exception {
        JwtAuthenticationToken alice = EngineCalls.caller(sandbox, DemoTenant.ALICE);
        Instant assertionExpiry = alice.getToken().getExpiresAt();
        // Thirty minutes later, the downstream token outlives the assertion by thirty minutes.
        CLOCK.advance(Duration.ofMinutes(30));
        Instant gotAt = CLOCK.instant();
        assertThat(expiry(tokens.acquire("arm", alice), gotAt)).isAfter(assertionExpiry.plus(SKEW));
        long requests = oboRequests();

        CLOCK.advance(Duration.between(CLOCK.instant(), assertionExpiry.minusSeconds(5)));
        assertThat(tokens.acquire("arm", alice).cacheHit()).as("just before the assertion expires").isTrue();
        CLOCK.advance(Duration.ofSeconds(10));

        // Past the assertion's exp (within the identity provider's own leeway, so it still answers).
        assertThat(tokens.acquire("arm", alice).cacheHit()).as("just after the assertion expired").isFalse();
        assertThat(oboRequests() - requests).isEqualTo(1);
    }

    @Test
    void acquireWhenWithinTheRefreshWindowThenRefreshedInTheBackgroundWhileTheCachedTokenIsServed() throws Exception {
        JwtAuthenticationToken alice = EngineCalls.caller(sandbox, DemoTenant.ALICE);
        Instant gotAt = CLOCK.instant();
        OnBehalfOfTokens.Acquired first = tokens.acquire("arm", alice);
        Instant refreshAt = expiry(first, gotAt).minus(SKEW).minus(REFRESH_AHEAD);
        long requests = oboRequests();

        CLOCK.advance(Duration.between(CLOCK.instant(), refreshAt.minusSeconds(5)));
        assertThat(tokens.acquire("arm", alice).token().getTokenValue()).isEqualTo(first.token().getTokenValue());
        assertThat(oboRequests() - requests).as("before the window, no refresh").isZero();
        CLOCK.advance(Duration.ofSeconds(10));
        OnBehalfOfTokens.Acquired inWindow = tokens.acquire("arm", alice);

        assertThat(inWindow.cacheHit()).isTrue();
        assertThat(inWindow.token().getTokenValue()).as("the cached token is served meanwhile").isEqualTo(first.token().getTokenValue());
        Instant until = Instant.now().plusSeconds(10);
        while (oboRequests() - requests < 1 && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
        assertThat(oboRequests() - requests).as("one background refresh").isEqualTo(1);
        OnBehalfOfTokens.Acquired refreshed = EngineCalls.awaitNewToken(tokens, alice, first);
        assertThat(refreshed.cacheHit()).isTrue();
        assertThat(refreshed.token().getTokenValue()).isNotEqualTo(first.token().getTokenValue());
    }

    @Test
    void acquireWhenManyConcurrentFirstCallsThenOneTokenRequestAndOneToken() throws Exception {
        JwtAuthenticationToken bob = EngineCalls.caller(sandbox, DemoTenant.BOB);
        long requests = oboRequests();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OnBehalfOfTokens.Acquired>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return tokens.acquire("arm", bob);
                }));
            }
            start.countDown();
            List<String> values = new ArrayList<>();
            for (Future<OnBehalfOfTokens.Acquired> answer : answers) {
                values.add(answer.get().token().getTokenValue());
            }
            assertThat(values).containsOnly(values.get(0));
        } finally {
            callers.shutdownNow();
        }
        assertThat(oboRequests() - requests).isEqualTo(1);
    }

    @Test
    void acquireWhenTheAssertionIsRefusedThenAskedOnceAndRefusedAgainFromTheCache() throws Exception {
        JwtAuthenticationToken expired = EngineCalls.caller(sandbox, DemoTenant.ERIN);
        CLOCK.advance(Duration.ofHours(2));
        long requests = oboRequests();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.acquire("arm", expired)).isInstanceOf(AssertionRefusedException.class);
        }

        assertThat(oboRequests() - requests).isEqualTo(1);
    }

    private static long oboRequests() {
        return sandbox.oboRequests();
    }
}
