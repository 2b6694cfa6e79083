package dev.obo.web.session;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ClientOptions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.FlushMode;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.thymeleaf.ITemplateEngine;

import dev.obo.web.InstanceName;
import dev.obo.web.WebProperties;

/**
 * The sessions in Redis, shared by every instance of the web app, when a Redis is named
 * ({@link RedisSessions}): Spring Session's {@link RedisSessionRepository} with every value sealed
 * ({@link SealedSessionValues}), the session ids hashed in the keys ({@link HashedSessionIds}),
 * changes written at once (so another instance sees new tokens at once), the session timeout of
 * {@code server.servlet.session.timeout}, and Spring Boot's cookie ({@code OBOSESSION}). Spring
 * Boot's own Redis-session configuration backs off for this repository: it offers no way to set
 * the key serializer. A Redis outage is a page of its own ({@link SessionStoreUnavailableFilter}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisSessions.class)
@EnableSpringHttpSession
class RedisSessionConfig {

    static final String NAMESPACE = "onbehalf:web:session";
    static final String ENCRYPTION_KEY = "obo.web.session.encryption-key";
    static final String PREVIOUS_ENCRYPTION_KEY = "obo.web.session.previous-encryption-key";

    @Bean
    SealedSessionValues sealedSessionValues(WebProperties properties) {
        WebProperties.Session keys = properties.session();
        if (keys.encryptionKey() == null || keys.encryptionKey().isBlank()) {
            throw SessionKey.invalid(ENCRYPTION_KEY, "it is not set (SESSION_ENCRYPTION_KEY)");
        }
        List<SessionKey> previous = keys.previousEncryptionKey() == null || keys.previousEncryptionKey().isBlank() ? List.of()
                : List.of(SessionKey.parse(PREVIOUS_ENCRYPTION_KEY, keys.previousEncryptionKey()));
        return new SealedSessionValues(RedisSessionConfig.class.getClassLoader(), SessionKey.parse(ENCRYPTION_KEY, keys.encryptionKey()), previous);
    }

    @Bean
    RedisSessionRepository sessionRepository(RedisConnectionFactory redis, SealedSessionValues sealed,
                                             @Value("${server.servlet.session.timeout:30m}") Duration timeout) {
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(redis);
        template.setKeySerializer(new HashedSessionIds(NAMESPACE + ":sessions:"));
        template.setHashKeySerializer(RedisSerializer.string());
        template.setValueSerializer(sealed);
        template.setHashValueSerializer(sealed);
        template.afterPropertiesSet();
        RedisSessionRepository sessions = new RedisSessionRepository(template);
        sessions.setRedisKeyNamespace(NAMESPACE);
        sessions.setDefaultMaxInactiveInterval(timeout);
        sessions.setFlushMode(FlushMode.IMMEDIATE);
        sessions.setRedisSessionMapper(new ReadableSessions());
        return sessions;
    }

    @Bean
    RedisRefreshLease redisRefreshLease(RedisConnectionFactory redis, RedisSessionRepository sessions, WebProperties properties) {
        return new RedisRefreshLease(new StringRedisTemplate(redis), sessions, NAMESPACE + ":refresh-lease:",
                properties.identityProviderTimeout().multipliedBy(2));
    }

    @Bean
    FilterRegistrationBean<SessionStoreUnavailableFilter> sessionStoreUnavailableFilter(ITemplateEngine templates, InstanceName instance) {
        FilterRegistrationBean<SessionStoreUnavailableFilter> registration =
                new FilterRegistrationBean<>(new SessionStoreUnavailableFilter(templates, instance));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    /** A command to a Redis that is away fails at once (the page says so) instead of waiting in a queue for its timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer sessionRedisFailsFast() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
