package dev.obo.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.obo.onbehalf.AzureIdentityEnvironment;

/**
 * With azure-identity's {@code AZURE_TENANT_ID} (and {@code AZURE_AUTHORITY_HOST}) set, as AKS workload
 * identity sets them, and the seed's {@code ISSUER} / {@code AUTHORITY} unset, those default to that
 * tenant at that host, as the starter maps them ({@link AzureIdentityEnvironment}); the API's settings
 * file names the seed's variables, whose sandbox defaults would otherwise win. Before
 * {@link EntraDownstreamDefaults}, so that an Entra authority found here gets the real ARM and Graph.
 */
public class AzureIdentityDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "azureIdentityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String tenant = environment.getProperty("AZURE_TENANT_ID");
        if (tenant == null || tenant.isBlank()) {
            return;
        }
        String issuer = AzureIdentityEnvironment.issuer(environment.getProperty("AZURE_AUTHORITY_HOST"), tenant);
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty("ISSUER")) {
            defaults.put("ISSUER", issuer);
        }
        if (!environment.containsProperty("AUTHORITY")) {
            defaults.put("AUTHORITY", issuer.substring(0, issuer.length() - "/v2.0".length()));
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
