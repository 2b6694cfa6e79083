package dev.obo.sandbox.form;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.obo.sandbox.RunningSandbox;

import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose form body does not decode ({@code a=%ZZ}) is the client's mistake: a 400 in
 * the error language of the part of the sandbox it was sent to (the HTML error page at the
 * pages a browser posts to, Entra's JSON at the other identity endpoints, ARM's at
 * {@code /subscriptions}), logged once at WARN without a stack trace. For a PUT, PATCH or
 * DELETE Boot's form content filter answered 500 with an ERROR and a trace; for a POST,
 * Tomcat's parameter parsing answered Boot's JSON 400 with an ERROR and a trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusingFormContentFilterIT extends RunningSandbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String UNDECODABLE = "a=%ZZ";

    @ParameterizedTest(name = "{0} at the token endpoint")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void tokenEndpointWhenFormBodyDoesNotDecodeThen400EntraErrorAndOneWarning(String method, CapturedOutput output) throws Exception {
        HttpResponse<String> response = send(method, tokenEndpoint());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertThat(json).containsEntry("error", "invalid_request").containsEntry("error_codes", List.of(9002313L))
                .containsKeys("timestamp", "trace_id", "error_uri");
        assertThat((String) json.get("error_description")).startsWith("AADSTS9002313: ");
        assertThat(json.get("correlation_id")).isNotNull().isEqualTo(response.headers().firstValue("client-request-id").orElseThrow());
        assertLoggedOnceAtWarnWithoutStackTrace(output);
    }

    @ParameterizedTest(name = "{0} at ARM")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void armWhenFormBodyDoesNotDecodeThen400ArmErrorAndOneWarning(String method, CapturedOutput output) throws Exception {
        HttpResponse<String> response = send(method, URI.create(base() + "/subscriptions?api-version=2022-12-01"));

        assertThat(response.statusCode()).isEqualTo(400);
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertThat(json).containsOnlyKeys("error");
        assertThat(JSONObjectUtils.getJSONObject(json, "error")).containsEntry("code", "InvalidRequestContent").containsKey("message");
        assertThat(response.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(response.headers().firstValue("x-ms-correlation-request-id")).isPresent();
        assertLoggedOnceAtWarnWithoutStackTrace(output);
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("POST /authorize", "POST", "/" + TENANT + "/oauth2/v2.0/authorize", UNDECODABLE),
                Arguments.of("POST /login", "POST", "/" + TENANT + "/login", UNDECODABLE),
                Arguments.of("POST /mfa", "POST", "/" + TENANT + "/mfa", UNDECODABLE),
                Arguments.of("POST /consent", "POST", "/" + TENANT + "/consent", UNDECODABLE),
                Arguments.of("POST /logout", "POST", "/" + TENANT + "/oauth2/v2.0/logout", UNDECODABLE),
                Arguments.of("GET /authorize, undecodable query", "GET", "/" + TENANT + "/oauth2/v2.0/authorize?client_id=%ZZ", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void pageWhenParametersDoNotDecodeThen400ErrorPageAndOneWarning(String proves, String method, String path, String body,
                                                                    CapturedOutput output) throws Exception {
        RawResponse response = exchange(method, path, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        Document page = Jsoup.parse(response.body());
        assertThat(page.title()).startsWith("Sign-in error");
        assertThat(page.select(".error").text()).startsWith("AADSTS9002313: ").doesNotContain("%ZZ");
        assertThat(page.select(".details dd").eachText()).contains("invalid_request", response.header("client-request-id"));
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertLoggedOnceAtWarnWithoutStackTrace(output);
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST /admin/management/faults", "POST", "/admin/management/faults", UNDECODABLE),
                Arguments.of("GET instance discovery, undecodable query", "GET", "/common/discovery/instance?authorization_endpoint=%ZZ", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void endpointWhenParametersDoNotDecodeThen400EntraErrorAndOneWarning(String proves, String method, String path, String body,
                                                                         CapturedOutput output) throws Exception {
        RawResponse response = exchange(method, path, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertThat(json).containsEntry("error", "invalid_request").containsEntry("error_codes", List.of(9002313L));
        assertThat((String) json.get("error_description")).startsWith("AADSTS9002313: ").doesNotContain("%ZZ");
        assertLoggedOnceAtWarnWithoutStackTrace(output);
    }

    private static void assertLoggedOnceAtWarnWithoutStackTrace(CapturedOutput output) {
        List<String> lines = output.getAll().lines().filter(line -> line.contains("event=request_unreadable")).toList();
        assertThat(lines).hasSize(1).allSatisfy(line -> assertThat(line).contains("WARN"));
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("HttpMessageNotReadableException").doesNotContain(" ERROR ");
    }

    private static HttpResponse<String> send(String method, URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(UNDECODABLE)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // Over a plain socket: no HTTP client sends a target like "?client_id=%ZZ", which java.net.URI refuses.
    private RawResponse exchange(String method, String target, String form) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            String head = method + " " + target + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n";
            if (form != null) {
                head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n";
            }
            socket.getOutputStream().write((head + "\r\n" + (form == null ? "" : form)).getBytes(StandardCharsets.ISO_8859_1));
            String[] answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            List<String> lines = answer[0].lines().toList();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            lines.stream().skip(1).map(line -> line.split(":\\s*", 2)).forEach(h -> headers.putIfAbsent(h[0], h[1]));
            return new RawResponse(Integer.parseInt(lines.get(0).split(" ")[1]), headers, answer.length > 1 ? answer[1] : "");
        }
    }

    /** A response read off the socket. */
    private record RawResponse(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }
    }
}
