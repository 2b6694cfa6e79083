package dev.obo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

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
class ForwardedHeadersTest extends WebTest {

    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-Host", "proxy.example", "X-Forwarded-Proto", "https",
            "X-Forwarded-For", "203.0.113.7");

    @Test
    void signInWhenFromTrustedProxyThenForwardedHostAndHttpsAndSecureCookie() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        Answer start = Answer.get(loopback, system().webPort, "/oauth2/authorization/entra", FORWARDED);

        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location")).contains("redirect_uri=https://proxy.example/account/callback");
        assertThat(start.header("Set-Cookie")).startsWith("OBOSESSION=").contains("; Secure", "HttpOnly");
    }

    static Stream<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream().flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress());
    }

    // Tomcat's own default trusts private and unique-local ranges (10/8, 192.168/16, fc00::/7, ...): not the web app's.
    @ParameterizedTest(name = "from {0}")
    @MethodSource("nonLoopbackAddresses")
    void signInWhenFromAnotherAddressByDefaultThenForwardedHeadersIgnored(InetAddress address) throws IOException {
        Answer start = Answer.get(address, system().webPort, "/oauth2/authorization/entra", FORWARDED);
        Answer login = Answer.get(address, system().webPort, "/account/login", FORWARDED);

        assertThat(start.status()).isEqualTo(302);
        assertThat(URLDecoder.decode(start.header("Location"), StandardCharsets.UTF_8)).contains("redirect_uri=http://" + Answer.host(address, system().webPort) + "/account/callback")
                .doesNotContain("proxy.example");
        assertThat(start.header("Set-Cookie")).startsWith("OBOSESSION=").doesNotContain("Secure");
        assertThat(login.header("Location")).doesNotContain("proxy.example").endsWith("/oauth2/authorization/entra");
    }

    @Test
    void signInWhenTrustedProxiesExcludeLoopbackThenForwardedHeadersFromLoopbackIgnored() throws IOException {
        try (ConfigurableApplicationContext web = WebApplication.application().run("--server.port=0", "--spring.main.banner-mode=off",
                "--TRUSTED_PROXIES=10\\.1\\.2\\.3")) {
            int port = Integer.parseInt(web.getEnvironment().getProperty("local.server.port"));
            InetAddress loopback = InetAddress.getByName("127.0.0.1");

            Answer start = Answer.get(loopback, port, "/oauth2/authorization/entra", FORWARDED);
            Answer login = Answer.get(loopback, port, "/account/login", FORWARDED);

            assertThat(start.header("Location")).contains("redirect_uri=http://127.0.0.1:" + port + "/account/callback")
                    .doesNotContain("proxy.example");
            assertThat(start.header("Set-Cookie")).doesNotContain("Secure");
            assertThat(login.header("Location")).doesNotContain("proxy.example");
        }
    }

    /** A response's status line and headers, from one HTTP/1.1 GET sent from {@code address} to the same address. */
    record Answer(int status, Map<String, String> headers) {

        static Answer get(InetAddress address, int port, String path, Map<String, String> extraHeaders) throws IOException {
            assumeThat(reachable(address, port)).as("can connect from and to " + address).isTrue();
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(address, 0));
                socket.connect(new InetSocketAddress(address, port), 5_000);
                socket.setSoTimeout(10_000);
                StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host(address, port) + "\r\n");
                extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
                request.append("Accept: text/html\r\nConnection: close\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return parse(socket.getInputStream());
            }
        }

        static String host(InetAddress address, int port) {
            return (address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]" : address.getHostAddress())
                    + ":" + port;
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }

        private static Answer parse(InputStream in) throws IOException {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0].lines().toList();
            Map<String, String> headers = new java.util.HashMap<>();
            lines.stream().skip(1).map(line -> line.split(":", 2)).filter(pair -> pair.length == 2)
                    .forEach(pair -> headers.merge(pair[0].trim().toLowerCase(), pair[1].trim(), (a, b) -> a + "\n" + b));
            return new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), headers);
        }

        private static boolean reachable(InetAddress address, int port) {
            try (Socket probe = new Socket()) {
                probe.bind(new InetSocketAddress(address, 0));
                probe.connect(new InetSocketAddress(address, port), 2_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
