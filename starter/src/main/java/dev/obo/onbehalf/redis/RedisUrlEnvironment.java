package dev.obo.onbehalf.redis;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The environment's {@code REDIS_URL} (for example {@code redis://localhost:6379}) as Spring Boot's
 * {@code spring.data.redis.url}, and Boot's Redis health indicator off: a Redis outage fails no
 * request of this API, so it must not take the instance out of service either (its errors are the
 * meter {@code onbehalf.cache.l2.errors}). Both with the lowest precedence: any setting of the
 * application's wins.
 */
public final class RedisUrlEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "onbehalf-redis-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String url = environment.getProperty("REDIS_URL");
        if (url != null && !url.isBlank()) {
            defaults.put("spring.data.redis.url", url);
        }
        defaults.put("management.health.redis.enabled", "false");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
