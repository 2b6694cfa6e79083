package dev.obo.web.session;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * A session read from Redis, or none when it cannot be used: a value sealed under a key this
 * instance does not hold (rotated out) or that does not open, or a hash without its times (what is
 * left when a request still in flight wrote to a session signed out meanwhile on another
 * instance). Spring Session then deletes it and the user signs in again, instead of a 500.
 */
final class ReadableSessions implements BiFunction<String, Map<String, Object>, MapSession> {

    private static final Logger log = LoggerFactory.getLogger(ReadableSessions.class);
    private static final List<String> TIMES = List.of("creationTime", "lastAccessedTime", "maxInactiveInterval");

    private final RedisSessionMapper mapper = new RedisSessionMapper();

    @Override
    public MapSession apply(String sessionId, Map<String, Object> hash) {
        for (Object value : hash.values()) {
            if (value instanceof SealedSessionValues.Unreadable unreadable) {
                log.info("event=session_unreadable reason=\"{}\"", unreadable.reason());
                return null;
            }
        }
        if (!hash.keySet().containsAll(TIMES)) {
            log.info("event=session_unreadable reason=\"incomplete: signed out while a request of it was served\"");
            return null;
        }
        return mapper.apply(sessionId, hash);
    }
}
