package dev.obo.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.api.ApiProperties;
import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.redis.L2Properties;
import dev.obo.devenv.SettingNames;
import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.managedidentity.ManagedIdentityProperties;
import dev.obo.sandbox.management.ManagementProperties;
import dev.obo.sandbox.tenant.SeedProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every setting of the three apps, walked from their properties records, so it cannot drift. */
class ConfigurationDocsTest {

    static Stream<String> settings() {
        return Stream.of(SettingNames.of("obo.web", WebProperties.class), SettingNames.of("obo.api", ApiProperties.class),
                SettingNames.of("onbehalf", OnBehalfOfProperties.class), SettingNames.of("onbehalf.cache.l2", L2Properties.class),
                SettingNames.of("sandbox.identity", IdentityProperties.class), SettingNames.of("sandbox.management", ManagementProperties.class),
                SettingNames.of("sandbox.managed-identity", ManagedIdentityProperties.class),
                SettingNames.of("sandbox", SeedProperties.class)).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void docsWhenReadThenEverySettingIsDocumented(String setting) throws IOException {
        assertThat(Files.readString(Path.of("..", "docs", "configuration.md"))).contains("`" + setting + "`");
    }
}
