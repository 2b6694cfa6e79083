package dev.obo.samples.minimal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.EntraSandbox;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimal sample, unchanged, against the sandbox: a user's token for the API gets that
 * user's Graph profile, On-Behalf-Of them; no token gets the starter's 401 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EntraSandbox
class MinimalApiIT {

    @LocalServerPort
    int port;

    @Test
    void getMeWhenAliceThenHerGraphProfile(Sandbox sandbox) throws Exception {
        HttpResponse<String> me = get("/me", sandbox.userToken(DemoTenant.ALICE));

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"userPrincipalName\":\"alice@onbehalf.test\"", "\"displayName\":\"Alice Adams\"");
    }

    @Test
    void getMeWhenNoTokenThen401Problem() throws Exception {
        HttpResponse<String> me = get("/me", null);

        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(me.body()).contains("urn:onbehalf:problem:invalid-token");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
