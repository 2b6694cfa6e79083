package dev.obo.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before they reach an endpoint, sent as raw bytes over a socket (an HTTP client
 * would not send most of them): Tomcat's parser, the request firewall and the form parser each
 * answer 400 as problem+json like every other error of the API, and never a 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class EarlyRefusalsIT extends RunningApi {

    static Stream<Arguments> malformed() {
        String big = "a".repeat(20_000);
        return Stream.of(
                row("a header over the size limit (Tomcat)", "GET /subscriptions HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\n\r\n"),
                row("a control character in a header value (Tomcat)", "GET /subscriptions HTTP/1.1\r\nHost: localhost\r\nX-Ctl: a\u0001b\r\n\r\n"),
                row("an encoded slash in the path (Tomcat)", "GET /subscriptions/..%2F..%2Fx HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                row("a path parameter (request firewall)", "GET /subscriptions;jsessionid=1 HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                row("a double slash (request firewall)", "GET //subscriptions HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    }

    private static Arguments row(String proves, String request) {
        return Arguments.of(proves, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void requestWhenRefusedBeforeAnyEndpointThen400ProblemJson(String proves, String request) throws Exception {
        Raw response = send(request);

        assertThat(response.status()).as(proves).isEqualTo(400);
        assertThat(response.header("content-type")).as(proves).startsWith("application/problem+json");
        Map<String, Object> problem = JSONObjectUtils.parse(response.body());
        assertThat(problem).as(proves).containsEntry("status", 400L).containsEntry("title", "Bad Request").containsKey("detail");
        assertThat(problem.getOrDefault("type", "about:blank")).as(proves + ": RFC 9457 type").isEqualTo("about:blank");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void requestWhenFormBodyCannotBeDecodedThen400ProblemJsonAndOneWarning(String method, CapturedOutput output) throws Exception {
        Raw response = send(method + " /subscriptions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 6\r\nConnection: close\r\n\r\na=%ZZ&");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("status", 400L);
        String logs = output.getAll();
        assertThat(logs.lines().filter(line -> line.contains("reason=undecodable_form_body method=" + method))).singleElement()
                .satisfies(line -> assertThat(line).contains(" WARN "));
        assertThat(logs).doesNotContain("HttpMessageNotReadableException", "\tat org.springframework");
    }

    @Test
    void getHealthWhenHeaderValueIsLatin1OrHasATabThen200() throws Exception {
        for (String value : new String[] {"caf\u00e9\tcr\u00e8me", "plain"}) {
            assertThat(send("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nX-Note: " + value
                    + "\r\nConnection: close\r\n\r\n").status()).as(value).isEqualTo(200);
        }
    }

    private Raw send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return Raw.read(socket.getInputStream());
        }
    }

    /** An HTTP/1.1 response as read off the socket: one response, up to the end of its body. */
    record Raw(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        static Raw read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(in);
            } else {
                body = in.readAllBytes();
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                StringBuilder size = new StringBuilder();
                for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                    if (b != '\r') {
                        size.append((char) b);
                    }
                }
                int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                if (length == 0) {
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                in.readNBytes(2);
            }
        }
    }
}
