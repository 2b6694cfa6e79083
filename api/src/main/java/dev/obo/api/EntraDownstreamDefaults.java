package dev.obo.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When the API signs in at Entra ID itself ({@code AUTHORITY} on {@code login.microsoftonline.com}),
 * the downstream APIs left unset are the real ones, Azure Resource Manager and Microsoft Graph,
 * not the sandbox's stand-ins on {@code localhost:9000}: a user's real tokens never go to a local
 * port by default. Values set anywhere (environment, command line, {@code development.env}) win.
 */
public class EntraDownstreamDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "entraDownstreamDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String authority = environment.getProperty("AUTHORITY");
        if (authority == null || !"login.microsoftonline.com".equalsIgnoreCase(host(authority))) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty("AZURE_MANAGEMENT_SUBSCRIPTIONS_URI")) {
            defaults.put("AZURE_MANAGEMENT_SUBSCRIPTIONS_URI", "https://management.azure.com/subscriptions?api-version=2022-12-01");
        }
        if (!environment.containsProperty("GRAPH_BASE_URI")) {
            defaults.put("GRAPH_BASE_URI", "https://graph.microsoft.com");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    private static String host(String uri) {
        try {
            return URI.create(uri.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** After {@code development.env} is read, so an authority set there counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
