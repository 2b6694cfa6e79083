package dev.obo.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The Redis keys of the sessions, with the session id replaced by its SHA-256: the id is what the
 * session cookie carries, so a key that held it would let anyone who can list Redis's keys use
 * every session. Spring Session's {@code RedisSessionRepository} names a key only to read, write,
 * rename or delete it, never to list keys, so the digest need not be reversible. The id is 122
 * random bits: its digest needs no secret.
 */
final class HashedSessionIds implements RedisSerializer<String> {

    private final String sessionsPrefix;

    /** Keys under {@code sessionsPrefix} ({@code <namespace>:sessions:}) are hashed; others are written as they are. */
    HashedSessionIds(String sessionsPrefix) {
        this.sessionsPrefix = sessionsPrefix;
    }

    @Override
    public byte[] serialize(String key) {
        String written = key != null && key.startsWith(sessionsPrefix) ? sessionsPrefix + digest(key.substring(sessionsPrefix.length())) : key;
        return written == null ? null : written.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The base64url SHA-256 of a session id, for any key about that session. */
    static String digest(String sessionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
