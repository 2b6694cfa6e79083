package dev.obo.onbehalf;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** azure-identity's environment names, as AKS workload identity and App Service set them, become the starter's settings; set ones win. */
class AzureIdentityEnvironmentTest {

    @Test
    void postProcessWhenWorkloadIdentityVariablesThenClientIdIssuerAndTokenFile() {
        StandardEnvironment environment = environment(Map.of("AZURE_CLIENT_ID", "app-id", "AZURE_TENANT_ID", "tenant-id",
                "AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us/", "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token"));

        assertThat(environment.getProperty("onbehalf.client-id")).isEqualTo("app-id");
        assertThat(environment.getProperty("onbehalf.issuer")).isEqualTo("https://login.microsoftonline.us/tenant-id/v2.0");
        assertThat(environment.getProperty("onbehalf.credential.token-file")).isEqualTo("/var/run/secrets/azure/tokens/azure-identity-token");
    }

    @Test
    void postProcessWhenNoAuthorityHostThenEntrasPublicCloud() {
        assertThat(environment(Map.of("AZURE_TENANT_ID", "tenant-id")).getProperty("onbehalf.issuer"))
                .isEqualTo("https://login.microsoftonline.com/tenant-id/v2.0");
    }

    @Test
    void postProcessWhenAppServiceVariablesThenItsManagedIdentityEndpoint() {
        StandardEnvironment environment = environment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:41234/msi/token", "IDENTITY_HEADER", "h"));

        assertThat(environment.getProperty("onbehalf.credential.managed-identity.endpoint")).isEqualTo("http://127.0.0.1:41234/msi/token");
        assertThat(environment.getProperty("onbehalf.credential.managed-identity.identity-header")).isEqualTo("h");
    }

    @Test
    void postProcessWhenOnBehalfSettingsAreSetThenTheyWin() {
        StandardEnvironment environment = environment(Map.of("AZURE_CLIENT_ID", "app-id", "onbehalf.client-id", "explicit",
                "AZURE_FEDERATED_TOKEN_FILE", "/azure", "onbehalf.credential.token-file", "/explicit"));

        assertThat(environment.getProperty("onbehalf.client-id")).isEqualTo("explicit");
        assertThat(environment.getProperty("onbehalf.credential.token-file")).isEqualTo("/explicit");
    }

    @Test
    void postProcessWhenNoAzureVariablesThenNothingAdded() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getPropertySources().contains(AzureIdentityEnvironment.SOURCE)).isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        new AzureIdentityEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
