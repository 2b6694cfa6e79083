package dev.obo.sandbox.tenant;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirect URIs match as Entra matches them: exactly as registered, except that the port of a
 * loopback address is ignored (RFC 8252 section 7.3), so an app on any local port matches.
 */
class RedirectUriMatchTest {

    private static final List<String> REGISTERED = List.of("http://localhost:8000/account/callback", "https://app.example/callback",
            "http://127.0.0.1/cb");

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost:8000/account/callback  | true  | exactly as registered
            http://localhost:41234/account/callback | true  | loopback: another port
            http://localhost/account/callback       | true  | loopback: no port
            http://127.0.0.1:5000/cb                | true  | loopback IP: another port
            http://localhost:41234/account/other    | false | loopback: another path
            http://127.0.0.1:41234/account/callback | false | loopback: another host than registered
            https://localhost:8000/account/callback | false | loopback: another scheme
            http://localhost:41234/account/callback?x=1 | false | loopback: a query not registered
            https://app.example:8443/callback       | false | not loopback: the port counts
            https://app.example/callback/           | false | not loopback: another path
            http://evil.example/account/callback    | false | another host
            """)
    void matchesWhenRequestedThenAsEntra(String requested, boolean allowed, String proves) {
        assertThat(SandboxSeed.App.matches(REGISTERED, requested)).as(proves).isEqualTo(allowed);
    }
}
