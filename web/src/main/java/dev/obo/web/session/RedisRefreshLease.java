package dev.obo.web.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpSession;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import dev.obo.web.security.SessionRefreshLease;

/**
 * The refresh lease of a session kept in Redis: {@code SET <key> <token> NX PX <ttl>} on a key named
 * by the SHA-256 of the session id, released only by its holder (compare and delete), so that one
 * instance at a time uses the session's refresh token. Its holder first reads the session's tokens
 * from Redis again: another instance may have refreshed them since this request read the session,
 * and the refresh token this request holds is then spent (a second use revokes the family, RFC 9700
 * section 4.14.2). The sessions are flushed to Redis as they change, so new tokens are there before
 * the lease is released. A lease whose holder died ends after its life (twice the identity
 * provider's timeout: the longest a refresh may take), and a waiter goes on after that at most.
 */
public final class RedisRefreshLease implements SessionRefreshLease {

    /** Where Spring Security's {@link HttpSessionOAuth2AuthorizedClientRepository} keeps the tokens in the session. */
    static final String AUTHORIZED_CLIENTS = HttpSessionOAuth2AuthorizedClientRepository.class.getName() + ".AUTHORIZED_CLIENTS";
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", Long.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final StringRedisTemplate redis;
    private final SessionRepository<? extends Session> sessions;
    private final String keyPrefix;
    private final Duration life;

    RedisRefreshLease(StringRedisTemplate redis, SessionRepository<? extends Session> sessions, String keyPrefix, Duration life) {
        this.redis = redis;
        this.sessions = sessions;
        this.keyPrefix = keyPrefix;
        this.life = life;
    }

    @Override
    public <T> T hold(HttpSession session, String registrationId, Supplier<T> authorization) {
        String key = keyPrefix + HashedSessionIds.digest(session.getId()) + ":" + registrationId;
        String token = UUID.randomUUID().toString();
        Instant givenUp = Instant.now().plus(life);
        while (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, token, life)) && Instant.now().isBefore(givenUp)) {
            pause();
        }
        try {
            catchUp(session);
            return authorization.get();
        } finally {
            redis.execute(RELEASE, List.of(key), token);
        }
    }

    /** This request's copy of the session gets the tokens as Redis has them now, when another instance changed them. */
    private void catchUp(HttpSession session) {
        Session stored = sessions.findById(session.getId());
        Object latest = stored == null ? null : stored.getAttribute(AUTHORIZED_CLIENTS);
        if (latest != null && !sameTokens(latest, session.getAttribute(AUTHORIZED_CLIENTS))) {
            session.setAttribute(AUTHORIZED_CLIENTS, latest);
        }
    }

    private static boolean sameTokens(Object latest, Object held) {
        return latest instanceof Map<?, ?> a && held instanceof Map<?, ?> b && a.keySet().equals(b.keySet())
                && a.keySet().stream().allMatch(id -> Objects.equals(tokens(a.get(id)), tokens(b.get(id))));
    }

    private static List<String> tokens(Object client) {
        return client instanceof OAuth2AuthorizedClient c
                ? List.of(c.getAccessToken().getTokenValue(), c.getRefreshToken() == null ? "" : c.getRefreshToken().getTokenValue())
                : List.of();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the session's refresh lease", e);
        }
    }
}
