package dev.obo.onbehalf.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.token.CaffeineTokenStore;
import dev.obo.onbehalf.token.EngineCalls;
import dev.obo.onbehalf.token.OnBehalfOfRequests;
import dev.obo.onbehalf.token.OnBehalfOfTokens;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.RedisServer;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.sandbox.junit.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engines, each with its own memory, over one Redis (Debian's {@code redis-server}) and the
 * sandbox's token endpoint, with one clock that the test moves: what one gets, the other finds;
 * an entry due for its refresh is refreshed by one of them, and the other takes the new token
 * from Redis, so a refresh costs one token request, not one per instance.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, properties = "sandbox.identity.cae-token-lifetime=45m")
class TwoLevelTokenStoreIT {

    private static final Duration SKEW = Duration.ofMinutes(2);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    private static final RedisServer REDIS = RedisServer.started();
    private static Sandbox sandbox;
    private static SettableClock clock;
    private static List<LettuceConnectionFactory> connections;

    @BeforeAll
    static void identityProvider(Sandbox own) {
        sandbox = own;
        clock = own.clock();
        connections = List.of(connection(), connection());
    }

    @AfterAll
    static void stop() {
        connections.forEach(LettuceConnectionFactory::destroy);
        REDIS.close();
    }

    /** This test's keys in the one Redis, shared by its two engines. */
    private final String prefix = "test-" + UUID.randomUUID() + ":";

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void acquireWhenTheOtherInstanceGotTheTokenThenTheSameTokenWithoutARequest() throws Exception {
        OnBehalfOfTokens one = engine(0);
        OnBehalfOfTokens other = engine(1);
        JwtAuthenticationToken alice = EngineCalls.caller(sandbox, DemoTenant.ALICE);
        long before = sandbox.oboRequests();

        OnBehalfOfTokens.Acquired first = one.acquire("arm", alice);
        OnBehalfOfTokens.Acquired second = other.acquire("arm", alice);

        assertThat(first.cacheHit()).isFalse();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.token().getTokenValue()).isEqualTo(first.token().getTokenValue());
        assertThat(sandbox.oboRequests() - before).isEqualTo(1);
    }

    @Test
    void acquireWhenBothInstancesUseAnEntryDueForRefreshThenOneRefreshAndBothServeItsToken() throws Exception {
        OnBehalfOfTokens one = engine(0);
        OnBehalfOfTokens other = engine(1);
        JwtAuthenticationToken bob = EngineCalls.caller(sandbox, DemoTenant.BOB);
        Instant gotAt = clock.instant();
        OnBehalfOfTokens.Acquired first = one.acquire("arm", bob);
        other.acquire("arm", bob);
        Instant expiry = gotAt.plus(Duration.between(first.token().getIssuedAt(), first.token().getExpiresAt()));
        long before = sandbox.oboRequests();

        clock.advance(Duration.between(clock.instant(), expiry.minus(SKEW).minus(REFRESH_AHEAD).plusSeconds(5)));
        one.acquire("arm", bob);
        awaitRequests(before + 1);
        OnBehalfOfTokens.Acquired refreshedOne = EngineCalls.awaitNewToken(one, bob, first);
        other.acquire("arm", bob); // due in its memory too: it takes the new entry from Redis instead of asking
        OnBehalfOfTokens.Acquired refreshedOther = EngineCalls.awaitNewToken(other, bob, first);

        assertThat(refreshedOne.token().getTokenValue()).isNotEqualTo(first.token().getTokenValue());
        assertThat(refreshedOther.token().getTokenValue()).isEqualTo(refreshedOne.token().getTokenValue());
        assertThat(sandbox.oboRequests() - before).as("one refresh for both instances").isEqualTo(1);
    }

    private OnBehalfOfTokens engine(int instance) {
        OnBehalfOfProperties properties = new OnBehalfOfProperties(DemoTenant.API,
                OnBehalfOfProperties.Credential.secret(DemoTenant.API_SECRET), sandbox.issuer(), null, null,
                List.of("access_as_user"), "jwt-bearer", null, null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(5), null, null, Map.of("arm", new OnBehalfOfProperties.Downstream(List.of(DemoTenant.ARM_SCOPE), null, null)),
                new OnBehalfOfProperties.Cache(100, SKEW, REFRESH_AHEAD));
        RedisTemplate<String, byte[]> redis = new RedisTemplate<>();
        redis.setConnectionFactory(connections.get(instance));
        redis.setKeySerializer(RedisSerializer.string());
        redis.setValueSerializer(RedisSerializer.byteArray());
        redis.afterPropertiesSet();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TwoLevelTokenStore store = new TwoLevelTokenStore(new CaffeineTokenStore(100, clock, meters), redis,
                new L2Properties(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(1),
                        prefix), clock, meters);
        return new OnBehalfOfTokens(OnBehalfOfRequests.manager(properties), properties, store, clock, meters);
    }

    private static LettuceConnectionFactory connection() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", REDIS.port()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static void awaitRequests(long count) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (sandbox.oboRequests() < count && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
    }
}
