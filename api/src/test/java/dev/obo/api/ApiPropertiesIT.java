package dev.obo.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.obo.devenv.SettingsFailureAnalyzer;
import dev.obo.onbehalf.OnBehalfOfProperties;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings: the seed's environment names and development.env are honoured; a missing or malformed setting stops start-up naming it. */
class ApiPropertiesIT {

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("blank client id", "--CLIENT_ID=", "onbehalf.client-id"),
                Arguments.of("malformed clock skew", "--CLOCK_SKEW=soon", "onbehalf.clock-skew"),
                Arguments.of("malformed ARM budget", "--ARM_BUDGET=forever", "obo.api.arm.budget"),
                Arguments.of("no credential", "--CLIENT_SECRET=", "CLIENT_SECRET or CLIENT_CERTIFICATE_PATH"),
                Arguments.of("unknown OBO grant", "--OBO_GRANT=magic", "onbehalf.grant"),
                Arguments.of("zero ARM attempts", "--ARM_MAX_ATTEMPTS=0", "obo.api.arm.max-attempts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void startWhenSettingMissingOrMalformedThenFailsNamingIt(String proves, String argument, String named) {
        assertThatThrownBy(() -> start(argument).close())
                .satisfies(e -> assertThat(SettingsFailureAnalyzer.describe(e)).as(proves).contains(named));
    }

    @Test
    void startWhenDevelopmentEnvFileThenItsValuesApplyUnderRealSettings(@TempDir Path dir) throws IOException {
        Path env = dir.resolve("development.env");
        Files.writeString(env, """
                # as the seed's production.env
                CLIENT_ID = "from-development-env"
                SCOPE = 'https://management.azure.com/user_impersonation'
                AZURE_MANAGEMENT_SUBSCRIPTIONS_URI = "http://localhost:1/subscriptions?api-version=2020-01-01"
                """);

        try (ConfigurableApplicationContext context = start("--DEVELOPMENT_ENV=" + env)) {
            assertThat(context.getBean(OnBehalfOfProperties.class).clientId()).isEqualTo("from-development-env");
            assertThat(context.getBean(ApiProperties.class).arm().subscriptionsUri())
                    .hasToString("http://localhost:1/subscriptions?api-version=2020-01-01");
        }
        try (ConfigurableApplicationContext context = start("--DEVELOPMENT_ENV=" + env, "--CLIENT_ID=from-the-command-line")) {
            assertThat(context.getBean(OnBehalfOfProperties.class).clientId()).isEqualTo("from-the-command-line");
        }
    }

    @Test
    void startWhenDefaultsThenTheSandboxsValues() {
        try (ConfigurableApplicationContext context = start()) {
            OnBehalfOfProperties properties = context.getBean(OnBehalfOfProperties.class);
            assertThat(properties.clientId()).isEqualTo("4a5b6c7d-0000-4000-8000-000000000003");
            assertThat(properties.audiences()).containsExactly("4a5b6c7d-0000-4000-8000-000000000003", "api://4a5b6c7d-0000-4000-8000-000000000003");
            assertThat(properties.consentScope()).isEqualTo("api://4a5b6c7d-0000-4000-8000-000000000003/.default");
            assertThat(properties.downstream("arm").scopes()).containsExactly("https://management.azure.com/user_impersonation");
            assertThat(properties.downstream("graph").scopes()).containsExactly("https://graph.microsoft.com/User.Read");
        }
    }

    @Test
    void startWhenAuthorityIsEntraThenArmAndGraphAreTheRealOnesUnlessSet() {
        try (ConfigurableApplicationContext context = start("--AUTHORITY=https://login.microsoftonline.com/" + java.util.UUID.randomUUID())) {
            ApiProperties properties = context.getBean(ApiProperties.class);
            assertThat(properties.arm().subscriptionsUri()).hasToString("https://management.azure.com/subscriptions?api-version=2022-12-01");
            assertThat(properties.graph().meUri()).hasToString("https://graph.microsoft.com/v1.0/me");
            assertThat(context.getBean(OnBehalfOfProperties.class).downstream("graph").baseUri()).hasToString("https://graph.microsoft.com");
        }
        try (ConfigurableApplicationContext context = start("--AUTHORITY=https://login.microsoftonline.com/t",
                "--GRAPH_BASE_URI=https://graph.example")) {
            assertThat(context.getBean(ApiProperties.class).graph().meUri()).hasToString("https://graph.example/v1.0/me");
        }
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(ApiProperties.class).graph().meUri()).as("the sandbox's, by default").hasToString("http://localhost:9000/v1.0/me");
        }
    }

    @Test
    void startWhenOnlyAzureIdentityVariablesThenTheyNameTheApiItsTenantAndItsFederatedCredential(@TempDir Path dir) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("azure-identity-token"), "a.projected.token");
        String tenant = java.util.UUID.randomUUID().toString();

        try (ConfigurableApplicationContext context = start("--AZURE_CLIENT_ID=from-workload-identity", "--AZURE_TENANT_ID=" + tenant,
                "--AZURE_AUTHORITY_HOST=https://login.microsoftonline.com/", "--AZURE_FEDERATED_TOKEN_FILE=" + tokenFile)) {
            OnBehalfOfProperties properties = context.getBean(OnBehalfOfProperties.class);
            assertThat(properties.clientId()).isEqualTo("from-workload-identity");
            assertThat(properties.issuer()).isEqualTo("https://login.microsoftonline.com/" + tenant + "/v2.0");
            assertThat(properties.authority()).hasToString("https://login.microsoftonline.com/" + tenant);
            assertThat(properties.credential().type()).as("the demo's default secret does not win").isEqualTo("federated");
            assertThat(properties.credential().tokenFile()).isEqualTo(tokenFile);
            assertThat(context.getBean(ApiProperties.class).arm().subscriptionsUri()).hasToString(
                    "https://management.azure.com/subscriptions?api-version=2022-12-01");
        }
        try (ConfigurableApplicationContext context = start("--AZURE_CLIENT_ID=ignored", "--CLIENT_ID=the-seeds-name-wins",
                "--AZURE_TENANT_ID=" + tenant, "--ISSUER=http://localhost:9000/other/v2.0")) {
            assertThat(context.getBean(OnBehalfOfProperties.class).clientId()).isEqualTo("the-seeds-name-wins");
            assertThat(context.getBean(OnBehalfOfProperties.class).issuer()).isEqualTo("http://localhost:9000/other/v2.0");
        }
    }

    @Test
    void startWhenTheTokenFileIsMissingThenFailsNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> start("--AZURE_FEDERATED_TOKEN_FILE=" + dir.resolve("absent")).close())
                .satisfies(e -> assertThat(SettingsFailureAnalyzer.describe(e)).contains(
                        "onbehalf.credential.token-file: cannot read a federated token from " + dir.resolve("absent") + ": no such file"));
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = Stream.concat(Stream.of("--server.port=0", "--spring.main.banner-mode=off"), Stream.of(args)).toArray(String[]::new);
        return new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=" + ApiApplication.CONFIG_NAME).run(all);
    }
}
