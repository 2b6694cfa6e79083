package dev.obo.web.session;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's Redis and Redis-session auto-configuration unless the environment names
 * a Redis ({@link RedisSessions}): Boot would otherwise make a connection factory for
 * {@code localhost:6379} and keep the sessions there. Without a Redis the sessions stay in
 * memory, as Tomcat keeps them, and no Redis connection is made or tried. A filter rather than
 * {@code spring.autoconfigure.exclude}, which an application's own list replaces.
 */
public final class RedisOnlyWhenNamed implements AutoConfigurationImportFilter, EnvironmentAware {

    /** Spring Boot's auto-configuration that would open a Redis connection, or keep the sessions in one. */
    static final List<String> REDIS_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean named = RedisSessions.named(environment::getProperty);
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            // null: left out already by another filter
            matches[i] = named || autoConfigurationClasses[i] == null || !REDIS_AUTO_CONFIGURATION.contains(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
