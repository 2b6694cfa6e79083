package dev.obo.sandbox.identity.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Discovery and keys at Entra's v2 paths, as unmodified clients (Spring Security, Nimbus) read them. */
class DiscoveryTest extends SandboxTest {

    @Test
    void discoveryWhenReadBySpringSecurityThenIssuerAndEndpointsAtEntrasPaths() {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer())
                .registrationId("sandbox").clientId(TestSeed.WEB).build();

        assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(base() + "/" + TENANT + "/v2.0");
        assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(base() + "/" + TENANT + "/oauth2/v2.0/token");
        assertThat(registration.getProviderDetails().getAuthorizationUri()).isEqualTo(base() + "/" + TENANT + "/oauth2/v2.0/authorize");
        assertThat(registration.getProviderDetails().getJwkSetUri()).isEqualTo(base() + "/" + TENANT + "/discovery/v2.0/keys");
        assertThat(registration.getProviderDetails().getConfigurationMetadata())
                .containsEntry("end_session_endpoint", base() + "/" + TENANT + "/oauth2/v2.0/logout");
    }

    @Test
    void discoveryWhenTenantNamedByDomainThenSameIssuer() throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new com.nimbusds.oauth2.sdk.id.Issuer(issuer()));
        OIDCProviderMetadata byDomain = OIDCProviderMetadata.parse(http(base() + "/onbehalf.test/v2.0/.well-known/openid-configuration"));

        assertThat(byDomain.getIssuer()).isEqualTo(metadata.getIssuer());
    }

    @Test
    void discoveryWhenUnknownTenantThenAadsts90002() {
        assertThat(http(base() + "/contoso.example/v2.0/.well-known/openid-configuration")).contains("AADSTS90002");
    }

    @Test
    void discoveryWhenBehindALoopbackProxyThenIssuerFollowsForwardedHeaders() throws Exception {
        String body = http(base() + "/" + TENANT + "/v2.0/.well-known/openid-configuration",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "login.sandbox.example"));

        assertThat(OIDCProviderMetadata.parse(body).getIssuer().getValue()).isEqualTo("https://login.sandbox.example/" + TENANT + "/v2.0");
    }

    @Test
    void discoveryWhenForwardedHeadersComeFromAnAddressOfNoTrustedProxyThenIgnored() throws Exception {
        String address = nonLoopbackAddress();
        assumeTrue(address != null, "needs a non-loopback IPv4 address on this machine");

        String body = http("http://" + address + ":" + port + "/" + TENANT + "/v2.0/.well-known/openid-configuration",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "login.sandbox.example"));

        assertThat(OIDCProviderMetadata.parse(body).getIssuer().getValue()).isEqualTo("http://" + address + ":" + port + "/" + TENANT + "/v2.0");
    }

    /** One of this machine's own addresses that is not loopback: a request to it comes from it, not from 127.0.0.1. */
    static String nonLoopbackAddress() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .map(InetAddress::getHostAddress).findFirst().orElse(null);
    }

    @Test
    void keysWhenFetchedThenRsaSigningKeysEachWithKid() throws Exception {
        JWKSet keys = JWKSet.load(URI.create(base() + "/" + TENANT + "/discovery/v2.0/keys").toURL());

        assertThat(keys.getKeys()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(key -> {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getKeyType().getValue()).isEqualTo("RSA");
            assertThat(key.isPrivate()).isFalse();
        });
    }

    private static String http(String uri) {
        return http(uri, Map.of());
    }

    private static String http(String uri, Map<String, String> headers) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(URI.create(uri));
            headers.forEach(request::header);
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
