package dev.obo.sandbox.junit;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which settings a Spring test on {@link EntraSandbox} sees pointed at the sandbox: addresses on
 * Entra ID, ARM, Graph or the sandbox's usual port, path and query kept; never a name that only
 * looks like an address (a scope), nor a host that only begins like one of them.
 */
class PointAtSandboxTest {

    private static final String BASE = "http://localhost:41234";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            onbehalf.issuer                  | true
            AUTHORITY                        | true
            GRAPH_BASE_URI                   | true
            obo.web.subscriptions-uri        | true
            spring.security.oauth2.client.provider.entra.issuer-uri | true
            onbehalf.downstream.arm.base-url | true
            onbehalf.downstream.graph.scope  | false
            onbehalf.client-id               | false
            spring.application.name          | false
            """)
    void isAddressWhenSettingNamedThenAddressesOnly(String name, boolean address) {
        assertThat(EntraSandboxContextCustomizerFactory.PointAtSandbox.isAddress(name)).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            https://login.microsoftonline.com/t1/v2.0          | http://localhost:41234/t1/v2.0
            https://login.microsoftonline.com                  | http://localhost:41234
            https://management.azure.com?api-version=2022-12-01 | http://localhost:41234?api-version=2022-12-01
            https://graph.microsoft.com/v1.0/me                | http://localhost:41234/v1.0/me
            http://localhost:9000/t1/v2.0                      | http://localhost:41234/t1/v2.0
            http://127.0.0.1:9000                              | http://localhost:41234
            https://login.microsoftonline.com.evil.example/t1  | -
            http://localhost:90001/t1                          | -
            http://localhost:8000/account/callback             | -
            https://login.microsoftonline.us/t1/v2.0           | -
            """)
    void redirectWhenAddressThenOnTheSandboxIfItIsOnAnOriginItStandsInFor(String value, String expected) {
        assertThat(EntraSandboxContextCustomizerFactory.PointAtSandbox.redirect(value, BASE)).isEqualTo(Optional.ofNullable(expected));
    }
}
