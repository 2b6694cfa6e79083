package dev.obo.web;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.api.ApiProperties;
import dev.obo.devenv.SettingsFailureAnalyzer;
import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.management.ManagementProperties;
import dev.obo.sandbox.tenant.SeedProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every setting of the three apps, walked from their properties records, so it cannot drift. */
class ConfigurationDocsTest {

    static Stream<String> settings() {
        List<String> names = new ArrayList<>();
        collect("obo.web", WebProperties.class, names);
        collect("obo.api", ApiProperties.class, names);
        collect("sandbox.identity", IdentityProperties.class, names);
        collect("sandbox.management", ManagementProperties.class, names);
        collect("sandbox", SeedProperties.class, names);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void docsWhenReadThenEverySettingIsDocumented(String setting) throws IOException {
        assertThat(Files.readString(Path.of("..", "docs", "configuration.md"))).contains("`" + setting + "`");
    }

    private static void collect(String prefix, Class<?> type, List<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + SettingsFailureAnalyzer.kebab(component.getName());
            if (component.getType().isRecord()) {
                collect(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }
}
