package dev.obo.web.session;

import java.util.Arrays;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The Redis settings' defaults: {@code REDIS_URL} is read as Spring Boot's
 * {@code spring.data.redis.url} (which puts the sessions in Redis, {@link RedisSessions}), and
 * Boot's Redis health indicator is off: a Redis outage is answered page by page
 * ({@link SessionStoreUnavailableFilter}), and taking every instance out of service, all of which
 * share that Redis, would help no one. Without a Redis, {@link RedisOnlyWhenNamed} leaves Boot's
 * Redis auto-configuration out.
 * <p>
 * NOTE: the values are read when asked for, not when this runs, so a {@code REDIS_URL} from a
 * property source added after this one ({@code development.env}) counts. They have the lowest
 * precedence: any setting of the application's wins.
 */
public final class SessionStoreEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "web-session-store-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Defaults(environment));
    }

    // NOTE: the environment is a field, not the source: Spring Boot walks into a source that is an environment.
    private static final class Defaults extends EnumerablePropertySource<Object> {

        private static final String[] NAMES = {"spring.data.redis.url", "management.health.redis.enabled"};

        private final ConfigurableEnvironment environment;

        Defaults(ConfigurableEnvironment environment) {
            super(SOURCE, new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return Arrays.stream(NAMES).filter(name -> getProperty(name) != null).toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case "spring.data.redis.url" -> RedisSessions.redisUrl(this::others);
                case "management.health.redis.enabled" -> "false";
                default -> null;
            };
        }

        /** A setting as the other property sources hold it, read from each directly: through the environment, the question would come back here. */
        private Object others(String name) {
            for (PropertySource<?> source : environment.getPropertySources()) {
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
