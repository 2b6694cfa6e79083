package dev.obo.onbehalf;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Takes azure-identity's environment names as they are (what AKS workload identity's webhook and App
 * Service inject): {@code AZURE_CLIENT_ID} is {@code onbehalf.client-id}, {@code AZURE_TENANT_ID} with
 * {@code AZURE_AUTHORITY_HOST} (default {@code https://login.microsoftonline.com/}) the issuer
 * {@code <host><tenant>/v2.0}, {@code AZURE_FEDERATED_TOKEN_FILE} {@code onbehalf.credential.token-file}
 * (so that, with no secret, the credential is federated), and {@code IDENTITY_ENDPOINT} and
 * {@code IDENTITY_HEADER} App Service's managed identity endpoint. They come last: any {@code onbehalf.*}
 * setting wins.
 */
public class AzureIdentityEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "azureIdentity";
    static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com/";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        put(mapped, "onbehalf.client-id", environment.getProperty("AZURE_CLIENT_ID"));
        String tenant = environment.getProperty("AZURE_TENANT_ID");
        if (tenant != null && !tenant.isBlank()) {
            mapped.put("onbehalf.issuer", issuer(environment.getProperty("AZURE_AUTHORITY_HOST"), tenant));
        }
        put(mapped, "onbehalf.credential.token-file", environment.getProperty("AZURE_FEDERATED_TOKEN_FILE"));
        put(mapped, "onbehalf.credential.managed-identity.endpoint", environment.getProperty("IDENTITY_ENDPOINT"));
        put(mapped, "onbehalf.credential.managed-identity.identity-header", environment.getProperty("IDENTITY_HEADER"));
        if (!mapped.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, mapped));
        }
    }

    /** azure-identity's authority host (with or without its trailing slash) and tenant as an Entra v2.0 issuer. */
    public static String issuer(String authorityHost, String tenant) {
        String host = authorityHost == null || authorityHost.isBlank() ? DEFAULT_AUTHORITY_HOST : authorityHost.trim();
        return host.replaceAll("/+$", "") + "/" + tenant.trim() + "/v2.0";
    }

    private static void put(Map<String, Object> mapped, String setting, String value) {
        if (value != null && !value.isBlank()) {
            mapped.put(setting, value.trim());
        }
    }

    /** After {@code development.env} and the settings files are read, so that values set there count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
