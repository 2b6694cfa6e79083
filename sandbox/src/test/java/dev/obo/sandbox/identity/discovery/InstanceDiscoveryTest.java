package dev.obo.sandbox.identity.discovery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.sandbox.SandboxTest;

import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MSAL's instance discovery ({@code GET /common/discovery/instance}) and user realm discovery
 * ({@code GET /common/userrealm/{user}}), in Entra's shapes, as MSAL asks for them when its
 * cache is empty; their refusals in Entra's error JSON.
 */
class InstanceDiscoveryTest extends SandboxTest {

    @Test
    void instanceDiscoveryWhenAskedAsMsal4jAsksThenTheInstanceWithItsTenantDiscoveryEndpoint() throws Exception {
        // MSAL4J sends the authority's host without its port, unencoded.
        Result result = get("/common/discovery/instance?api-version=1.1&authorization_endpoint=https://localhost/" + TENANT
                + "/oauth2/v2.0/authorize");

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.body()).containsEntry("tenant_discovery_endpoint", issuer() + "/.well-known/openid-configuration")
                .containsEntry("api-version", "1.1");
        assertThat(result.body().get("metadata")).isEqualTo(List.of(Map.of("preferred_network", "localhost",
                "preferred_cache", "localhost", "aliases", List.of("localhost"))));
        assertThat(OIDCProviderMetadata.resolve(new com.nimbusds.oauth2.sdk.id.Issuer(issuer())).getIssuer().getValue()).isEqualTo(issuer());
    }

    @Test
    void instanceDiscoveryWhenAskedAsMsalPythonAsksThenTheTenantAsNamed() {
        Result result = get("/common/discovery/instance?api-version=1.0&authorization_endpoint="
                + URLEncoder.encode("https://sandbox.example/onbehalf.test/oauth2/v2.0/authorize", StandardCharsets.UTF_8));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).containsEntry("tenant_discovery_endpoint", base() + "/onbehalf.test/v2.0/.well-known/openid-configuration");
        assertThat(result.body().get("metadata")).asString().contains("sandbox.example");
    }

    static Stream<Arguments> badInstances() {
        return Stream.of(
                Arguments.of("no authorization_endpoint", "", 50049, "invalid_instance"),
                Arguments.of("not a URL", "&authorization_endpoint=%25%25", 50049, "invalid_instance"),
                Arguments.of("no host", "&authorization_endpoint=https:///" + TENANT + "/oauth2/v2.0/authorize", 50049, "invalid_instance"),
                Arguments.of("not an authorize endpoint", "&authorization_endpoint=https://localhost/" + TENANT + "/oauth2/v2.0/token", 50049, "invalid_instance"),
                Arguments.of("another scheme", "&authorization_endpoint=ftp://localhost/" + TENANT + "/oauth2/v2.0/authorize", 50049, "invalid_instance"),
                Arguments.of("a tenant the sandbox does not have", "&authorization_endpoint=https://localhost/contoso.example/oauth2/v2.0/authorize", 90002, "invalid_tenant"));
    }

    @ParameterizedTest(name = "{0} -> AADSTS{2}")
    @MethodSource("badInstances")
    void instanceDiscoveryWhenAuthorizationEndpointIsBadThenEntraError(String proves, String parameter, int code, String error) {
        Result result = get("/common/discovery/instance?api-version=1.1" + parameter);

        assertThat(result.status()).as(proves).isEqualTo(400);
        assertThat(result.error()).as(proves).isEqualTo(error);
        assertThat(result.errorCode()).as(proves).isEqualTo(code);
        assertThat(result.description()).as(proves).startsWith("AADSTS" + code + ": ");
        assertThat(result.body()).as(proves).containsKeys("trace_id", "correlation_id", "timestamp");
    }

    @Test
    void userRealmWhenUserOfTheTenantsDomainThenManaged() {
        Result result = get("/common/userrealm/alice@onbehalf.test?api-version=1.0");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).containsEntry("ver", "1.0").containsEntry("account_type", "Managed")
                .containsEntry("domain_name", "onbehalf.test").containsEntry("cloud_audience_urn", "urn:federation:MicrosoftOnline")
                .containsKey("cloud_instance_name");
    }

    @Test
    void userRealmWhenAnotherDomainThenUnknown() {
        Result result = get("/common/userrealm/someone@contoso.example?api-version=1.0");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).containsEntry("ver", "1.0").containsEntry("account_type", "Unknown").doesNotContainKey("domain_name");
    }

    private Result get(String pathAndQuery) {
        return raw(URI.create(base() + pathAndQuery), "GET", null, null, Map.of());
    }
}
