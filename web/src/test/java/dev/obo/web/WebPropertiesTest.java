package dev.obo.web;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.obo.devenv.SettingsFailureAnalyzer;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The web app's settings: the seed's names and sandbox defaults; a missing or malformed one stops
 * start-up naming it. Bound as the web app binds them (its {@code web-server.yml}, validated), in
 * a context that holds only them: no server, no security.
 */
class WebPropertiesTest {

    @Test
    void startWhenDefaultsThenTheSandboxsValues() {
        try (ConfigurableApplicationContext context = start()) {
            WebProperties properties = context.getBean(WebProperties.class);
            assertThat(properties.clientId()).isEqualTo(DemoTenant.WEB);
            assertThat(properties.authority()).hasToString("http://localhost:9000/" + DemoTenant.TENANT);
            assertThat(properties.scopes()).containsExactly("openid", "profile", "offline_access");
            assertThat(properties.apiScope()).isEqualTo(DemoTenant.API_SCOPE);
            assertThat(properties.apiDefaultScope()).isEqualTo("api://" + DemoTenant.API + "/.default");
            assertThat(properties.subscriptionsUri()).hasToString("http://localhost:5000/subscriptions");
        }
    }

    static Stream<Arguments> subscriptionsEndpoints() {
        return Stream.of(
                Arguments.of("the seed's FLASK_BACKEND_URL is the endpoint itself",
                        new String[] {"--FLASK_BACKEND_URL=http://localhost:5999/subscriptions"}, "http://localhost:5999/subscriptions"),
                Arguments.of("API_URL is the API's base URL",
                        new String[] {"--API_URL=http://api.internal:5000"}, "http://api.internal:5000/subscriptions"),
                Arguments.of("the endpoint, when both are set",
                        new String[] {"--API_URL=http://ignored:5000", "--FLASK_BACKEND_URL=http://flask:5000/subscriptions"},
                        "http://flask:5000/subscriptions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subscriptionsEndpoints")
    void startWhenApiNamedThenTheSubscriptionsEndpoint(String proves, String[] arguments, String endpoint) {
        try (ConfigurableApplicationContext context = start(arguments)) {
            assertThat(context.getBean(WebProperties.class).subscriptionsUri()).as(proves).hasToString(endpoint);
        }
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("blank client id", "--CLIENT_ID=", "obo.web.client-id"),
                Arguments.of("blank client secret", "--CLIENT_SECRET=", "obo.web.client-secret"),
                Arguments.of("blank API scope", "--API_SCOPE=", "obo.web.api-scope"),
                Arguments.of("malformed timeout", "--API_TIMEOUT=later", "obo.web.api-timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void startWhenSettingMissingOrMalformedThenFailsNamingIt(String proves, String argument, String named) {
        assertThatThrownBy(() -> start(argument).close()).satisfies(e -> assertThat(SettingsFailureAnalyzer.describe(e)).as(proves).contains(named));
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .properties("spring.config.name=" + WebApplication.CONFIG_NAME).run(args);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebProperties.class)
    static class SettingsOnly {
    }
}
