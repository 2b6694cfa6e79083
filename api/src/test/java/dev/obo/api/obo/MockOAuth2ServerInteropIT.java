package dev.obo.api.obo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API, unchanged but for its settings, against another identity provider: NAV's
 * mock-oauth2-server issues the inbound token and answers the RFC 8693 token exchange.
 * The downstream here is a small ARM-shaped server that accepts only a token the mock
 * server issued for ARM's audience (checked against the mock server's keys), so the
 * exchanged token has to be a real one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=api-server")
class MockOAuth2ServerInteropIT {

    static final String ISSUER_ID = "other-idp";
    static final String CLIENT_ID = "onbehalf-api";
    static final String ARM_AUDIENCE = "https://management.azure.com/";
    private static final MockOAuth2Server IDP = started();
    private static final HttpServer ARM = tokenCheckingArm();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void otherIdentityProvider(DynamicPropertyRegistry registry) {
        String issuer = IDP.issuerUrl(ISSUER_ID).toString().replaceAll("/$", "");
        registry.add("onbehalf.client-id", () -> CLIENT_ID);
        registry.add("onbehalf.credential.secret", () -> "any-secret");
        registry.add("onbehalf.authority", () -> issuer);
        registry.add("onbehalf.issuer", () -> issuer);
        registry.add("onbehalf.grant", () -> "token-exchange");
        registry.add("onbehalf.downstream.arm.audience", () -> ARM_AUDIENCE);
        registry.add("obo.api.arm.subscriptions-uri", () -> "http://localhost:" + ARM.getAddress().getPort() + "/subscriptions?api-version=2022-12-01");
    }

    @AfterAll
    static void stop() {
        IDP.shutdown();
        ARM.stop(0);
    }

    @Test
    void getSubscriptionsWhenAnotherIdentityProviderIssuesAndExchangesTheTokenThen200() throws Exception {
        String inbound = IDP.issueToken(ISSUER_ID, "web-app", new DefaultOAuth2TokenCallback(ISSUER_ID, "user-1",
                JOSEObjectType.JWT.getType(), List.of(CLIENT_ID),
                Map.of("scp", "access_as_user", "oid", "00000000-0000-4000-8000-00000000000a", "tid", "other-tenant"), 3600)).serialize();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscriptions"))
                .header("Authorization", "Bearer " + inbound).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"subscriptionId\":\"00000000-0000-4000-8000-0000000000ff\"");
    }

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    // ARM-shaped: answers one subscription to a bearer token signed by the mock server, issued for ARM.
    private static HttpServer tokenCheckingArm() {
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.<SecurityContext>create(IDP.jwksUrl(ISSUER_ID).url()).build()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(ARM_AUDIENCE), new JWTClaimsSet.Builder().build(),
                    Set.of("exp", "sub"), Set.of()));
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/subscriptions", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                int status;
                String body;
                try {
                    processor.process(authorization.substring("Bearer ".length()), null);
                    status = 200;
                    body = "{\"value\":[{\"id\":\"/subscriptions/00000000-0000-4000-8000-0000000000ff\",\"subscriptionId\":"
                            + "\"00000000-0000-4000-8000-0000000000ff\",\"displayName\":\"Interop\",\"state\":\"Enabled\"}],"
                            + "\"count\":{\"type\":\"Total\",\"value\":1}}";
                } catch (Exception e) {
                    status = 401;
                    body = "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"" + e.getClass().getSimpleName() + "\"}}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
