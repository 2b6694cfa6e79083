package dev.obo.sandbox.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The Spring test side of {@link EntraSandbox}: before the application context of an annotated
 * test class starts, every setting of the application that is an address (its name ends in
 * {@code uri}, {@code url}, {@code issuer} or {@code authority}: {@code onbehalf.issuer},
 * {@code AUTHORITY}, {@code GRAPH_BASE_URI}, ...) and names Entra ID
 * ({@code https://login.microsoftonline.com}), ARM ({@code https://management.azure.com}), Graph
 * ({@code https://graph.microsoft.com}) or the sandbox's default address
 * ({@code http://localhost:9000}) is pointed at the running sandbox, path and query kept. So an
 * application configured for the real services, or for the sandbox on its usual port, needs no
 * test-only configuration. Scopes and audiences ({@code https://graph.microsoft.com/User.Read})
 * are names, not addresses, and stay.
 */
final class EntraSandboxContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configurations) {
        Sandboxes.Setup setup = Sandboxes.setupOf(testClass);
        if (setup == null) {
            return null;
        }
        // A per-class sandbox gets a context of its own; a shared one, a context shared as Spring caches it.
        return new PointAtSandbox(setup, setup.lifecycle() == EntraSandbox.Lifecycle.PER_CLASS ? Sandboxes.ownerOf(testClass) : null);
    }

    /** Adds the redirected settings, first of the property sources. Equal for equal setups, so Spring's context cache holds. */
    record PointAtSandbox(Sandboxes.Setup setup, Class<?> ownClass) implements ContextCustomizer {

        static final List<String> STOOD_IN_FOR = List.of("http://localhost:9000", "http://127.0.0.1:9000",
                "https://login.microsoftonline.com", "https://management.azure.com", "https://graph.microsoft.com");
        static final String SOURCE = "entraSandbox";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Sandbox sandbox = Sandboxes.of(ownClass != null ? ownClass : configuration.getTestClass(), setup);
            ConfigurableEnvironment environment = context.getEnvironment();
            Map<String, Object> redirected = new LinkedHashMap<>();
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> names) {
                    for (String name : names.getPropertyNames()) {
                        redirect(environment, name, sandbox.base()).ifPresent(value -> redirected.putIfAbsent(name, value));
                    }
                }
            }
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, redirected));
        }

        private static Optional<String> redirect(ConfigurableEnvironment environment, String name, String base) {
            if (!isAddress(name)) {
                return Optional.empty();
            }
            String value;
            try {
                value = environment.getProperty(name);
            } catch (RuntimeException unresolvable) {
                return Optional.empty();
            }
            return value == null ? Optional.empty() : redirect(value, base);
        }

        /** {@code value} on the sandbox at {@code base}, if it is on one of the origins the sandbox stands in for. */
        static Optional<String> redirect(String value, String base) {
            for (String origin : STOOD_IN_FOR) {
                if (value.startsWith(origin) && (value.length() == origin.length() || "/?,".indexOf(value.charAt(origin.length())) >= 0)) {
                    return Optional.of(base + value.substring(origin.length()));
                }
            }
            return Optional.empty();
        }

        /** {@code onbehalf.downstream.graph.base-uri}, {@code GRAPH_BASE_URI}, {@code onbehalf.issuer}, {@code AUTHORITY}: an address. */
        static boolean isAddress(String name) {
            String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return last.endsWith("uri") || last.endsWith("url") || last.endsWith("issuer") || last.endsWith("authority");
        }
    }
}
