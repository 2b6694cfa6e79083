package dev.obo.sandbox.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.obo.sandbox.RunningSandbox;

import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SANDBOX_TRUSTED_PROXIES} names the proxies whose {@code X-Forwarded-*} headers are
 * believed (loopback by default): set to another address, a request from loopback cannot move
 * the issuer to another host.
 */
@TestPropertySource(properties = "SANDBOX_TRUSTED_PROXIES=192.0.2.254/32")
class TrustedProxiesIT extends RunningSandbox {

    @Test
    void discoveryWhenLoopbackIsNotATrustedProxyThenForwardedHeadersIgnored() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer()
                        + "/.well-known/openid-configuration")).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "login.sandbox.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(OIDCProviderMetadata.parse(response.body()).getIssuer().getValue()).isEqualTo(base() + "/" + TENANT + "/v2.0");
    }
}
