package dev.obo.api.obo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact form the API sends for On-Behalf-Of, as the sandbox receives it: a recording
 * proxy sits between the API and the sandbox's token endpoint and passes everything on.
 * The client capability {@code cp1} goes in {@code claims}. Guards against a parameter sent twice (Spring Cloud Azure once sent {@code grant_type}
 * twice on Security 7, and Entra refused it) or one going missing.
 */
class OnBehalfOfRequestContractIT extends RunningApi {

    private static final List<String> BODIES = new CopyOnWriteArrayList<>();
    private static final HttpServer PROXY = recordingProxy();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.token-uri", () -> "http://localhost:" + PROXY.getAddress().getPort() + "/"
                + DemoTenant.TENANT + "/oauth2/v2.0/token");
    }

    @AfterAll
    static void stopProxy() {
        PROXY.stop(0);
    }

    @Test
    void oboRequestWhenSentThenEachParameterOnceWithEntrasValues() {
        String assertion = sandbox().userToken("alice@onbehalf.test");

        assertThat(get("/subscriptions", assertion).statusCode()).isEqualTo(200);

        assertThat(BODIES).hasSize(1);
        List<String[]> form = Arrays.stream(BODIES.get(0).split("&"))
                .map(pair -> pair.split("=", 2))
                .map(kv -> new String[] {decode(kv[0]), kv.length > 1 ? decode(kv[1]) : ""}).toList();
        Map<String, Long> counts = form.stream().collect(Collectors.groupingBy(kv -> kv[0], Collectors.counting()));
        assertThat(counts).as("each parameter exactly once").allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1));
        Map<String, String> values = form.stream().collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertThat(values).containsOnlyKeys("grant_type", "requested_token_use", "assertion", "scope", "client_id", "client_secret", "claims")
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .containsEntry("requested_token_use", "on_behalf_of")
                .containsEntry("assertion", assertion)
                .containsEntry("scope", DemoTenant.ARM_SCOPE)
                .containsEntry("client_id", DemoTenant.API)
                .containsEntry("client_secret", "api-secret")
                .containsEntry("claims", "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static HttpServer recordingProxy() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            HttpClient client = HttpClient.newHttpClient();
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                BODIES.add(body);
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(sandbox().base() + exchange.getRequestURI()))
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Authorization")) {
                        values.forEach(v -> forward.header(name, v));
                    }
                });
                try {
                    HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                    exchange.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
