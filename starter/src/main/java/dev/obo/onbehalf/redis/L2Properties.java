package dev.obo.onbehalf.redis;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The second level of the downstream-token cache, in Redis, on when {@code REDIS_URL} or
 * {@code spring.data.redis.*} is set.
 *
 * @param timeout the longest a Redis command may take before the request goes on without it
 *        (Lettuce's command timeout, unless {@code spring.data.redis.timeout} is set)
 * @param connectTimeout the longest a connection to Redis may take to open (unless
 *        {@code spring.data.redis.connect-timeout} is set)
 * @param lockTtl the life of the lock that lets one instance make the token request for an
 *        assertion while the others wait for its entry: what a lock holder that dies costs at most
 * @param retryInterval after a Redis failure, how long the cache goes without Redis before trying it again
 * @param keyPrefix the prefix of this application's keys in Redis
 */
@ConfigurationProperties("onbehalf.cache.l2")
@Validated
public record L2Properties(
        @NotNull @DefaultValue("50ms") Duration timeout,
        @NotNull @DefaultValue("500ms") Duration connectTimeout,
        @NotNull @DefaultValue("5s") Duration lockTtl,
        @NotNull @DefaultValue("1s") Duration retryInterval,
        @NotBlank @DefaultValue("onbehalf:obo:") String keyPrefix) {
}
