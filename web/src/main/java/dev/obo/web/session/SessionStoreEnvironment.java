package dev.obo.web.session;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Where the sessions are kept, decided by the settings alone: in Redis when the environment names
 * one ({@link RedisSessions#named}), else in memory, as Tomcat keeps them, with Spring Boot's Redis
 * and Redis-session auto-configuration left out, so that no Redis connection is made or tried.
 * {@code REDIS_URL} is read as Spring Boot's {@code spring.data.redis.url}, and Boot's Redis health
 * indicator is off: a Redis outage is answered page by page ({@link SessionStoreUnavailableFilter}),
 * and taking every instance out of service, all of which share that Redis, would help no one.
 * <p>
 * NOTE: the values are read when asked for, not when this runs, so a {@code REDIS_URL} from a
 * property source added after this one ({@code development.env}) counts. They have the lowest
 * precedence: an application that sets {@code spring.autoconfigure.exclude} itself replaces this list.
 */
public final class SessionStoreEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "web-session-store-defaults";
    /** Spring Boot's auto-configuration that would open a Redis connection, or keep the sessions in one. */
    static final List<String> REDIS_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Defaults(environment));
    }

    private static final class Defaults extends EnumerablePropertySource<ConfigurableEnvironment> {

        private static final String[] NAMES = {"spring.data.redis.url", "management.health.redis.enabled", "spring.autoconfigure.exclude"};

        Defaults(ConfigurableEnvironment environment) {
            super(SOURCE, environment);
        }

        @Override
        public String[] getPropertyNames() {
            return Arrays.stream(NAMES).filter(name -> getProperty(name) != null).toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case "spring.data.redis.url" -> RedisSessions.redisUrl(this::setting);
                case "management.health.redis.enabled" -> "false";
                case "spring.autoconfigure.exclude" -> RedisSessions.named(this::setting) ? null : String.join(",", REDIS_AUTO_CONFIGURATION);
                default -> null;
            };
        }

        /**
         * A setting as the other property sources hold it, read from each directly: through the
         * environment, the question would come back here.
         */
        private Object setting(String name) {
            if ("spring.data.redis.url".equals(name)) {
                Object set = others(name);
                return set != null ? set : others("REDIS_URL");
            }
            return others(name);
        }

        private Object others(String name) {
            for (PropertySource<?> source : getSource().getPropertySources()) {
                if (source != this && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                    Object value = source.getProperty(name);
                    if (value != null) {
                        return value;
                    }
                }
            }
            return null;
        }
    }
}
