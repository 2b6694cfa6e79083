package dev.obo.onbehalf.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpResponse;

import dev.obo.onbehalf.OnBehalfOfException;
import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.credential.ClientCredentials;
import dev.obo.onbehalf.credential.CredentialUnavailableException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each refusal of the token endpoint means: the caller's token refused (a new token), this API's client
 * credential refused (its own 503), or another refusal of the API's request (its configuration). Entra's bodies,
 * as Spring's test response (a value, not a mock of behaviour).
 */
class EntraErrorHandlerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a wrong secret                              | invalid_client  | 7000215 | CredentialUnavailableException
            an expired secret                           | invalid_client  | 7000222 | CredentialUnavailableException
            a client assertion that does not verify     | invalid_client  | 700027  | CredentialUnavailableException
            an expired federated token                  | invalid_client  | 700024  | CredentialUnavailableException
            no federated credential for issuer/subject  | invalid_request | 70021   | CredentialUnavailableException
            no federated credential for issuer/subject  | invalid_client  | 700211  | CredentialUnavailableException
            a federated audience not matching           | invalid_client  | 700212  | CredentialUnavailableException
            a malformed client assertion                | invalid_client  | 50027   | CredentialUnavailableException
            a malformed user assertion                  | invalid_request | 50027   | OnBehalfOfException
            the user assertion invalid                  | invalid_grant   | 50013   | AssertionRefusedException
            a permission missing, as invalid_client     | invalid_client  | 65005   | OnBehalfOfException
            consent missing                             | invalid_grant   | 65001   | ConsentRequiredException
            """)
    void handleErrorWhenEntraRefusesThenWhoseProblemItIs(String proves, String error, int code, String expected) {
        String body = "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code + ": refused.\",\"error_codes\":[" + code + "]}";
        MockClientHttpResponse response = new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST);
        EntraErrorHandler handler = new EntraErrorHandler(ClientCredentials.of(OnBehalfOfProperties.Credential.secret("s"), null, null));

        assertThatThrownBy(() -> handler.handleError(URI.create("https://login.example/t/oauth2/v2.0/token"), HttpMethod.POST, response))
                .as(proves).satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getClass().getSimpleName()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an expired federated token | invalid_client | 700024 | this API's secret credential (onbehalf.credential.secret) was refused: AADSTS700024
            """)
    void handleErrorWhenTheCredentialIsRefusedThenTheMessageNamesItAndTheCode(String proves, String error, int code, String message) {
        String body = "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code + ": refused.\",\"error_codes\":[" + code + "]}";
        MockClientHttpResponse response = new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), HttpStatus.UNAUTHORIZED);
        EntraErrorHandler handler = new EntraErrorHandler(ClientCredentials.of(OnBehalfOfProperties.Credential.secret("s"), null, null));

        assertThatThrownBy(() -> handler.handleError(URI.create("https://login.example/t/oauth2/v2.0/token"), HttpMethod.POST, response))
                .as(proves).isInstanceOf(CredentialUnavailableException.class).hasMessageStartingWith(message);
    }
}
