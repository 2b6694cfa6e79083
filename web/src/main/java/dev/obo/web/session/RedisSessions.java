package dev.obo.web.session;

import java.util.List;
import java.util.function.Function;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the web app keeps its sessions in Redis: when {@code REDIS_URL} or one of Spring Boot's
 * {@code spring.data.redis.url}, {@code .host}, {@code .sentinel.master} or {@code .cluster.nodes}
 * is set. Boot's own defaults ({@code localhost:6379}) do not count: without a setting the sessions
 * stay in memory.
 */
final class RedisSessions extends SpringBootCondition {

    static final List<String> SETTINGS = List.of("spring.data.redis.url", "spring.data.redis.host",
            "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

    /** Whether {@code settings} (a setting's value by name, or null) name a Redis. */
    static boolean named(Function<String, Object> settings) {
        return redisUrl(settings) != null || SETTINGS.stream().map(settings).anyMatch(RedisSessions::present);
    }

    /** {@code REDIS_URL}, or null when it is not set. */
    static String redisUrl(Function<String, Object> settings) {
        Object url = settings.apply("REDIS_URL");
        return present(url) ? url.toString() : null;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return named(context.getEnvironment()::getProperty) ? ConditionOutcome.match("a Redis is named")
                : ConditionOutcome.noMatch("none of REDIS_URL, " + String.join(", ", SETTINGS) + " is set");
    }

    private static boolean present(Object value) {
        return value != null && !value.toString().isBlank();
    }
}
