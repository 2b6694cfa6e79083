package dev.obo.onbehalf;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The client capabilities the starter declares: {@code cp1} to Entra by default, none to an RFC 8693 identity provider, or as set. */
class OnBehalfOfPropertiesTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            jwt-bearer     | -        | cp1
            on-behalf-of   | -        | cp1
            jwt-bearer     | ''       | cp1
            token-exchange | -        | ''
            jwt-bearer     | none     | ''
            token-exchange | cp1      | cp1
            jwt-bearer     | cp1,cp2  | cp1,cp2
            """)
    void clientCapabilitiesWhenGrantAndSettingThenDeclared(String grant, String setting, String declared) {
        List<String> capabilities = setting == null ? null : List.of(setting.split(",", -1));

        OnBehalfOfProperties properties = new OnBehalfOfProperties("api", OnBehalfOfProperties.Credential.secret("secret"),
                "https://login.microsoftonline.com/t/v2.0", null, null, List.of("access_as_user"), grant, capabilities, null,
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5), null, null, Map.of(),
                new OnBehalfOfProperties.Cache(10, Duration.ofMinutes(2), Duration.ofMinutes(5)));

        assertThat(properties.clientCapabilities()).isEqualTo(declared.isEmpty() ? List.of() : List.of(declared.split(",")));
    }
}
