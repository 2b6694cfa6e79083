package dev.obo.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.obo.web.security.EntraRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code X-Forwarded-*} headers are honoured only from the proxies named by
 * {@code TRUSTED_PROXIES} (by default the loopback addresses): from them, the forwarded host
 * and https make the redirect URI and mark the session cookie {@code Secure}; from anyone else
 * they are ignored, so a forged {@code X-Forwarded-Host} never reaches {@code Location} or
 * {@code redirect_uri}. Requests go over raw sockets bound to a chosen local address, so the
 * web app sees them come from there.
 */
class ForwardedHeadersIT extends WebIT {

    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-Host", "proxy.example", "X-Forwarded-Proto", "https",
            "X-Forwarded-For", "203.0.113.7");

    @Test
    void signInWhenFromTrustedProxyThenForwardedHostAndHttpsAndSecureCookie() throws IOException {
        RawHttp fromLoopback = new RawHttp(InetAddress.getByName("127.0.0.1"), webPort());

        RawHttp.Answer start = fromLoopback.get(EntraRegistration.SIGN_IN_PATH, FORWARDED);

        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location")).contains("redirect_uri=https://proxy.example/account/callback");
        assertThat(start.header("Set-Cookie")).startsWith("OBOSESSION=").contains("; Secure", "HttpOnly");
    }

    static Stream<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream().flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress());
    }

    // Tomcat's own default trusts private and unique-local ranges (10/8, 192.168/16, fc00::/7, ...): not the web app's.
    // A machine with loopback only has no such address; the test below covers untrusted senders there.
    @ParameterizedTest(name = "from {0}", allowZeroInvocations = true)
    @MethodSource("nonLoopbackAddresses")
    void signInWhenFromAnotherAddressByDefaultThenForwardedHeadersIgnored(InetAddress address) throws IOException {
        RawHttp fromThere = new RawHttp(address, webPort());
        assumeThat(fromThere.reachable()).as("can connect from and to " + address).isTrue();

        RawHttp.Answer start = fromThere.get(EntraRegistration.SIGN_IN_PATH, FORWARDED);
        RawHttp.Answer login = fromThere.get("/account/login", FORWARDED);

        assertThat(start.status()).isEqualTo(302);
        assertThat(URLDecoder.decode(start.header("Location"), StandardCharsets.UTF_8)).contains("redirect_uri=http://" + fromThere.host() + "/account/callback")
                .doesNotContain("proxy.example");
        assertThat(start.header("Set-Cookie")).startsWith("OBOSESSION=").doesNotContain("Secure");
        assertThat(login.header("Location")).doesNotContain("proxy.example").endsWith(EntraRegistration.SIGN_IN_PATH);
    }

    @Test
    void signInWhenTrustedProxiesExcludeLoopbackThenForwardedHeadersFromLoopbackIgnored() throws IOException {
        try (ConfigurableApplicationContext web = WebApplication.application().run("--server.port=0", "--spring.main.banner-mode=off",
                "--TRUSTED_PROXIES=10\\.1\\.2\\.3")) {
            int port = Integer.parseInt(web.getEnvironment().getProperty("local.server.port"));
            RawHttp fromLoopback = new RawHttp(InetAddress.getByName("127.0.0.1"), port);

            RawHttp.Answer start = fromLoopback.get(EntraRegistration.SIGN_IN_PATH, FORWARDED);
            RawHttp.Answer login = fromLoopback.get("/account/login", FORWARDED);

            assertThat(start.header("Location")).contains("redirect_uri=http://127.0.0.1:" + port + "/account/callback")
                    .doesNotContain("proxy.example");
            assertThat(start.header("Set-Cookie")).doesNotContain("Secure");
            assertThat(login.header("Location")).doesNotContain("proxy.example");
        }
    }
}
