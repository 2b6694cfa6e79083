package dev.obo.api.obo;

import java.net.http.HttpResponse;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.SandboxSeedBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential tests' fixture: an API registration with no secret (its credentials are what each
 * test adds: certificates, federated credentials) and a public client that signs users in to it,
 * consented; the API runs as that registration. A new user token per call, so that each call makes
 * its own token request (the On-Behalf-Of cache is per assertion).
 */
abstract class SecretlessApi extends RunningApi {

    static final String API = "4a5b6c7d-0000-4000-8000-0000000000f1";
    static final String CLI = "4a5b6c7d-0000-4000-8000-0000000000f0";

    /** The secretless API, {@code credentials} on its registration, and its public client, added to the default seed. */
    static void register(SandboxSeedBuilder seed, java.util.function.Consumer<SandboxSeedBuilder.App> credentials) {
        seed.app("Secretless API", API, app -> {
                    app.identifierUri("api://" + API).scope("access_as_user").requires(DemoTenant.ARM, "user_impersonation");
                    credentials.accept(app);
                })
                .app("Secretless CLI", CLI, app -> app.publicClient().redirectUri("http://localhost:7777/callback")
                        .requires(API, "access_as_user"))
                .consent("*", CLI, API, "access_as_user")
                .consent("*", API, DemoTenant.ARM, "user_impersonation");
    }

    /** The API as the secretless registration, with no secret of its own (the demo's default secret is not its). */
    static void asSecretlessApi(DynamicPropertyRegistry registry) {
        registry.add("onbehalf.client-id", () -> API);
        registry.add("CLIENT_SECRET", () -> "not-this-apps-secret");
    }

    /** A new access token of {@code user} for the secretless API. */
    protected String userToken(String user) {
        return sandbox().token(Map.of("grant_type", "password", "client_id", CLI, "username", user, "password", DemoTenant.PASSWORD,
                "scope", "api://" + API + "/access_as_user")).get("access_token").toString();
    }

    /** {@code GET /subscriptions} with a new token of Alice's: 200 with her subscriptions. */
    protected HttpResponse<String> subscriptionsSucceed() {
        HttpResponse<String> response = get("/subscriptions", userToken(DemoTenant.ALICE));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("5a1c0001-0000-4000-8000-00000000a001");
        return response;
    }

    /** A 503 {@code credential-unavailable} with {@code Retry-After}, whose detail names {@code named}. */
    protected static void assertCredentialUnavailable(HttpResponse<String> response, String... named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response)).containsEntry("type", "urn:onbehalf:problem:credential-unavailable").containsEntry("status", 503L);
        assertThat((String) json(response).get("detail")).contains(named);
    }
}
