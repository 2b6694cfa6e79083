package dev.obo.onbehalf;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.obo.onbehalf.credential.ClientCredential;
import dev.obo.onbehalf.credential.ClientCredentials;
import dev.obo.onbehalf.inbound.InboundTokenConfiguration;
import dev.obo.onbehalf.inbound.ResourceServerConfiguration;
import dev.obo.onbehalf.problem.ErrorResponsesConfiguration;
import dev.obo.onbehalf.token.CaffeineTokenStore;
import dev.obo.onbehalf.token.OnBehalfOfRequests;
import dev.obo.onbehalf.token.OnBehalfOfTokenStore;
import dev.obo.onbehalf.token.OnBehalfOfTokens;

/**
 * On-Behalf-Of for a servlet API, from {@code onbehalf.*} alone (on once {@code onbehalf.client-id} is set): inbound token validation and the
 * resource server's policy ({@link InboundTokenConfiguration}, {@link ResourceServerConfiguration}),
 * the downstream tokens ({@link OnBehalfOfTokens} over an {@link OnBehalfOfTokenStore}), the
 * application's entry point ({@link OnBehalfOf}) and the error answers
 * ({@link ErrorResponsesConfiguration}). Each piece backs off when the application defines its own.
 * It runs before Spring Boot's resource-server, security and error auto-configurations, so that
 * theirs back off in turn.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
// On for an application that says who it is; off for the other applications of a classpath, such
// as a web app or an identity provider started in the same test JVM.
@ConditionalOnProperty(prefix = "onbehalf", name = "client-id")
@EnableConfigurationProperties(OnBehalfOfProperties.class)
@Import({InboundTokenConfiguration.class, ResourceServerConfiguration.class, ErrorResponsesConfiguration.class})
public class OnBehalfOfAutoConfiguration {

    /** The engine's notion of now; an application or a test may define its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock onBehalfOfClock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    OnBehalfOfTokenStore onBehalfOfTokenStore(OnBehalfOfProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters) {
        return new CaffeineTokenStore(properties.cache().maximumSize(), clock, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** How this API proves itself at the token endpoint; an application may define its own. */
    @Bean
    @ConditionalOnMissingBean
    ClientCredential onBehalfOfClientCredential(OnBehalfOfProperties properties, Clock clock) {
        return ClientCredentials.of(properties.credential(), properties.timeout(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    OnBehalfOfTokens onBehalfOfTokens(OnBehalfOfProperties properties, ClientCredential credential, OnBehalfOfTokenStore store,
                                      Clock clock, ObjectProvider<MeterRegistry> meters) {
        return new OnBehalfOfTokens(OnBehalfOfRequests.manager(properties, credential), properties, store, clock,
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    OnBehalfOf onBehalfOf(OnBehalfOfProperties properties, OnBehalfOfTokens tokens) {
        return new OnBehalfOf(properties, tokens);
    }
}
