package dev.obo.onbehalf.redis;

import java.time.Clock;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

import dev.obo.onbehalf.OnBehalfOfAutoConfiguration;
import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.token.CaffeineTokenStore;
import dev.obo.onbehalf.token.OnBehalfOfTokenStore;

/**
 * The downstream-token cache on two levels, memory and Redis ({@link TwoLevelTokenStore}), when
 * the application names a Redis ({@link RedisConfigured}); it runs before
 * {@link OnBehalfOfAutoConfiguration}, whose in-memory store then backs off. Redis is reached with
 * Spring Boot's Lettuce connection, whose commands get the L2 timeout, and which refuses commands at
 * once while it is disconnected (instead of queueing them until they time out).
 */
@AutoConfiguration(before = OnBehalfOfAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "onbehalf", name = "client-id")
@Conditional(RedisConfigured.class)
@EnableConfigurationProperties({OnBehalfOfProperties.class, L2Properties.class})
public class RedisTokenStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OnBehalfOfTokenStore onBehalfOfTokenStore(OnBehalfOfProperties properties, L2Properties l2, RedisConnectionFactory redis,
                                              ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        Clock now = clock.getIfAvailable(Clock::systemUTC);
        MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
        RedisTemplate<String, byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(redis);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        return new TwoLevelTokenStore(new CaffeineTokenStore(properties.cache().maximumSize(), now, registry), template, l2, now, registry);
    }

    /** Opens the Redis connection once the application is ready, off the start-up thread. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> onBehalfOfRedisWarmUp(OnBehalfOfTokenStore store) {
        return ready -> {
            if (store instanceof TwoLevelTokenStore twoLevel) {
                Thread warmUp = new Thread(twoLevel::warmUp, "onbehalf-redis-warm-up");
                warmUp.setDaemon(true);
                warmUp.start();
            }
        };
    }

    @Bean
    LettuceClientConfigurationBuilderCustomizer onBehalfOfRedisTimeout(L2Properties l2, Environment environment) {
        return builder -> {
            if (!environment.containsProperty("spring.data.redis.timeout")) {
                builder.commandTimeout(l2.timeout());
            }
        };
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer onBehalfOfRedisClientOptions(L2Properties l2, Environment environment) {
        return options -> {
            options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
            if (!environment.containsProperty("spring.data.redis.connect-timeout")) {
                options.socketOptions(SocketOptions.builder().connectTimeout(l2.connectTimeout()).build());
            }
        };
    }
}
