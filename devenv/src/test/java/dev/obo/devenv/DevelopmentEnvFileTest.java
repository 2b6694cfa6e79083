package dev.obo.devenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's {@code development.env} format: {@code KEY = "value"} lines, comments, quotes, and precedence under real settings. */
class DevelopmentEnvFileTest {

    @Test
    void parseWhenSeedFormatThenKeysAndUnquotedValues(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("development.env"), """
                # the seed's production.env, filled in
                CLIENT_ID = "abc"
                SCOPE='https://management.azure.com/user_impersonation'
                AUTHORITY = https://login.microsoftonline.com/contoso.onmicrosoft.com

                """);

        assertThat(DevelopmentEnvFile.parse(file)).containsEntry("CLIENT_ID", "abc")
                .containsEntry("SCOPE", "https://management.azure.com/user_impersonation")
                .containsEntry("AUTHORITY", "https://login.microsoftonline.com/contoso.onmicrosoft.com").hasSize(3);
    }

    @Test
    void parseWhenLineIsNotKeyEqualsValueThenNamesTheLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("development.env"), "CLIENT_ID = \"x\"\nnonsense\n");

        assertThatThrownBy(() -> DevelopmentEnvFile.parse(file)).hasMessageContaining("line 2");
    }

    @Test
    void postProcessWhenFileNamedThenItsValuesSitUnderTheEnvironmentsOwn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("my.env"), "CLIENT_ID = \"from-file\"\nSCOPE = \"s\"\n");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("cli",
                java.util.Map.of("DEVELOPMENT_ENV", file.toString(), "CLIENT_ID", "from-command-line")));

        new DevelopmentEnvFile().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("CLIENT_ID")).isEqualTo("from-command-line");
        assertThat(environment.getProperty("SCOPE")).isEqualTo("s");
    }
}
