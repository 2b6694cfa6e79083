package dev.obo.onbehalf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client capabilities the starter declares: {@code cp1} to Entra by default, none to an RFC 8693 identity provider, or as set;
 * the credential type an empty setting means, and the credential settings that cannot work.
 */
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a secret alone                                       | -                | s | -        | -     | secret
            a certificate path wins over the (demo's) secret     | -                | s | cert.p12 | -     | certificate
            a token file wins over the (demo's) secret           | -                | s | -        | token | federated
            a certificate path wins over a token file            | -                | - | cert.p12 | token | certificate
            an explicit type wins                                | secret           | s | -        | token | secret
            managed identity only when asked                     | managed-identity | s | -        | -     | managed-identity
            """)
    void credentialTypeWhenEmptyThenFromWhatIsSet(String proves, String type, String secret, String certificate, String tokenFile,
                                                  String expected) {
        OnBehalfOfProperties.Credential credential = new OnBehalfOfProperties.Credential(type, secret,
                certificate == null ? null : Path.of(certificate), null, null, false, tokenFile == null ? null : Path.of(tokenFile), null);

        assertThat(credential.type()).as(proves).isEqualTo(expected);
        assertThat(credential.secret()).as("a secret is kept only to be sent").isEqualTo("secret".equals(expected) ? secret : null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            an unknown type                      | magic       | s | -                      | onbehalf.credential.type must be one of
            federated without a token file       | federated   | s | -                      | onbehalf.credential.token-file: set it
            certificate without a path           | certificate | s | -                      | onbehalf.credential.certificate-path: set it
            no credential at all                 | -           | - | -                      | onbehalf.credential: set CLIENT_SECRET
            a managed identity endpoint, no URL  | -           | s | not a url              | onbehalf.credential.managed-identity.endpoint must be an http(s) URL
            a managed identity endpoint, no host | -           | s | file:///tmp/token      | onbehalf.credential.managed-identity.endpoint must be an http(s) URL
            """)
    void credentialWhenItCannotWorkThenFailsNamingTheSetting(String proves, String type, String secret, String endpoint, String named) {
        assertThatThrownBy(() -> new OnBehalfOfProperties.Credential(type, secret, null, null, null, false, null,
                new OnBehalfOfProperties.ManagedIdentity(endpoint == null ? null : URI.create(endpoint.replace(' ', '-')), null, null, null)))
                .as(proves).hasMessageStartingWith(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            IMDS when nothing is set            | -                          | -      | http://169.254.169.254/metadata/identity/oauth2/token | false
            App Service's with its header       | http://127.0.0.1:41234/msi | secret | http://127.0.0.1:41234/msi                            | true
            """)
    void managedIdentityWhenSetThenEndpointAndShape(String proves, String endpoint, String header, String expected, boolean appService) {
        OnBehalfOfProperties.ManagedIdentity identity = new OnBehalfOfProperties.ManagedIdentity(endpoint == null ? null : URI.create(endpoint),
                header, null, null);

        assertThat(identity.endpoint()).as(proves).hasToString(expected);
        assertThat(identity.appService()).isEqualTo(appService);
        assertThat(identity.audience()).isEqualTo("api://AzureADTokenExchange");
    }
}
