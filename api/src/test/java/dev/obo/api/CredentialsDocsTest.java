package dev.obo.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.devenv.SettingNames;
import dev.obo.onbehalf.OnBehalfOfProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/credentials.md's settings table is the credential settings of {@link OnBehalfOfProperties}, no more and no
 * less, and every environment variable it names is read for that setting in {@code api-server.yml}.
 */
class CredentialsDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(onbehalf\\.credential\\.[a-z0-9.-]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    static Stream<String> credentialSettings() {
        return SettingNames.of("onbehalf", OnBehalfOfProperties.class).stream().filter(name -> name.startsWith("onbehalf.credential."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSettings")
    void docsWhenReadThenEveryCredentialSettingIsARow(String setting) throws IOException {
        assertThat(rows()).extracting(row -> row[0]).contains(setting);
    }

    @Test
    void docsWhenReadThenEveryRowIsASettingAndItsVariablesAreReadForIt() throws IOException {
        List<String> settings = credentialSettings().toList();
        String yml = Files.readString(Path.of("src", "main", "resources", "api-server.yml"));
        for (String[] row : rows()) {
            assertThat(settings).as("a row of docs/credentials.md").contains(row[0]);
            String key = row[0].substring(row[0].lastIndexOf('.') + 1);
            Matcher variables = VARIABLE.matcher(row[1]);
            while (variables.find()) {
                assertThat(yml).as(row[0] + " reads " + variables.group(1)).containsPattern("(?m)^\\s+" + Pattern.quote(key)
                        + ": .*\\$\\{" + variables.group(1) + ":");
            }
        }
    }

    private static List<String[]> rows() throws IOException {
        Matcher m = ROW.matcher(Files.readString(Path.of("..", "docs", "credentials.md")));
        List<String[]> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2)});
        }
        return rows;
    }
}
