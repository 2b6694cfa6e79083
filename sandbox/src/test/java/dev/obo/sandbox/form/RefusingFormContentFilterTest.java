package dev.obo.sandbox.form;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.obo.sandbox.SandboxTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PUT, PATCH or DELETE whose form body does not decode ({@code a=%ZZ}) is the client's
 * mistake: a 400 in the error language of the part of the sandbox it was sent to (Entra's
 * JSON at the identity endpoints, ARM's at {@code /subscriptions}), logged once at WARN
 * without a stack trace. Boot's form content filter answered 500 with an ERROR and a trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusingFormContentFilterTest extends SandboxTest {

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

    private static void assertLoggedOnceAtWarnWithoutStackTrace(CapturedOutput output) {
        List<String> lines = output.getAll().lines().filter(line -> line.contains("event=request_unreadable")).toList();
        assertThat(lines).hasSize(1).allSatisfy(line -> assertThat(line).contains("WARN"));
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("HttpMessageNotReadableException").doesNotContain(" ERROR ");
    }

    private static HttpResponse<String> send(String method, URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(UNDECODABLE)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
