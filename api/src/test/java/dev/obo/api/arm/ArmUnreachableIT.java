package dev.obo.api.arm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing listens where ARM should be: after the retries, 502 with a Retry-After, as for any passing outage. */
@EntraSandbox
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=api-server")
class ArmUnreachableIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void armNowhere(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("obo.api.arm.subscriptions-uri", () -> "http://localhost:" + closed + "/subscriptions?api-version=2022-12-01");
        registry.add("obo.api.arm.budget", () -> "2s");
    }

    @Test
    void getSubscriptionsWhenArmUnreachableThen502WithRetryAfter(Sandbox sandbox) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscriptions"))
                .header("Authorization", "Bearer " + sandbox.userToken("alice@onbehalf.test")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("type", "urn:onbehalf:problem:arm-error");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
    }
}
