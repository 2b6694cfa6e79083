package dev.obo.onbehalf.redis;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the application names a Redis: {@code REDIS_URL} (see {@link RedisUrlEnvironment}) or one
 * of Spring Boot's {@code spring.data.redis.url}, {@code .host}, {@code .sentinel.master} or
 * {@code .cluster.nodes}. Boot's own defaults ({@code localhost:6379}) do not count: without a
 * setting, the token cache stays in memory.
 */
final class RedisConfigured extends SpringBootCondition {

    static final List<String> SETTINGS = List.of("spring.data.redis.url", "spring.data.redis.host",
            "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        for (String setting : SETTINGS) {
            String value = environment.getProperty(setting);
            if (value != null && !value.isBlank()) {
                return ConditionOutcome.match(setting + " is set");
            }
        }
        return ConditionOutcome.noMatch("none of REDIS_URL, " + String.join(", ", SETTINGS) + " is set");
    }
}
