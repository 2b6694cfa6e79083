package dev.obo.sandbox.managedidentity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.TestSeed;
import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managed identity endpoint in IMDS's and App Service's shapes, its refusals and faults in IMDS's
 * error JSON, and its tokens as the federated credential of an app that trusts the identity. The test
 * seed has two identities (api-identity and worker-identity), so a request must name one.
 */
class ManagedIdentityIT extends RunningSandbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EXCHANGE = "api://AzureADTokenExchange";

    @AfterEach
    void noFaults() {
        raw(URI.create(base() + "/admin/managed-identity/faults"), "DELETE", null, null, Map.of());
    }

    private Answer imds(String query, Map<String, String> headers) {
        return get("/metadata/identity/oauth2/token?api-version=2018-02-01&" + query, headers);
    }

    private Answer appService(String query, Map<String, String> headers) {
        return get("/msi/token?api-version=2019-08-01&" + query, headers);
    }

    private Answer get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + pathAndQuery));
        headers.forEach(request::header);
        try {
            return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void imdsWhenIdentityNamedByClientIdThenTokenJsonOfStringsAndEntraClaims() throws Exception {
        Answer answer = imds("resource=" + enc(EXCHANGE) + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID, Map.of("Metadata", "true"));

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        Map<String, Object> json = answer.json();
        assertThat(json).containsOnlyKeys("access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before",
                "resource", "token_type");
        assertThat(json.values()).allMatch(String.class::isInstance);
        assertThat(json).containsEntry("client_id", DemoTenant.API_IDENTITY_CLIENT_ID).containsEntry("resource", EXCHANGE)
                .containsEntry("token_type", "Bearer");
        assertThat(Long.parseLong((String) json.get("expires_in"))).isBetween(86_000L, 86_400L);
        JWTClaimsSet claims = claims((String) json.get("access_token"));
        assertThat(claims.getIssuer()).isEqualTo(issuer());
        assertThat(claims.getSubject()).isEqualTo(DemoTenant.API_IDENTITY_PRINCIPAL_ID);
        assertThat(claims.getStringClaim("oid")).isEqualTo(DemoTenant.API_IDENTITY_PRINCIPAL_ID);
        assertThat(claims.getAudience()).containsExactly(EXCHANGE);
        assertThat(claims.getStringClaim("azp")).isEqualTo(DemoTenant.API_IDENTITY_CLIENT_ID);
        assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(claims.getStringClaim("tid")).isEqualTo(TestSeed.TENANT);
    }

    @Test
    void imdsWhenNamedByObjectIdOrResourceIdThenThatIdentity() {
        assertThat(imds("resource=" + enc(EXCHANGE) + "&object_id=" + TestSeed.WORKER_IDENTITY_PRINCIPAL_ID, Map.of("Metadata", "true"))
                .json()).containsEntry("client_id", TestSeed.WORKER_IDENTITY_CLIENT_ID);
        String resourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/sandbox/providers/"
                + "Microsoft.ManagedIdentity/userAssignedIdentities/worker-identity";
        assertThat(imds("resource=" + enc(EXCHANGE) + "&mi_res_id=" + enc(resourceId), Map.of("Metadata", "true")).json())
                .containsEntry("client_id", TestSeed.WORKER_IDENTITY_CLIENT_ID);
    }

    @Test
    void imdsWhenMetadataHeaderMissingThenBadRequestInImdsJson() {
        Answer answer = imds("resource=" + enc(EXCHANGE), Map.of());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsOnlyKeys("error", "error_description").containsEntry("error", "invalid_request");
    }

    @Test
    void imdsWhenClientIdUnknownThenIdentityNotFound() {
        Answer answer = imds("resource=" + enc(EXCHANGE) + "&client_id=00000000-0000-0000-0000-000000000000", Map.of("Metadata", "true"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("error_description", "Identity not found");
    }

    @Test
    void imdsWhenSeveralIdentitiesAndNoneNamedThenBadRequest() {
        Answer answer = imds("resource=" + enc(EXCHANGE), Map.of("Metadata", "true"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat((String) answer.json().get("error_description")).startsWith("Multiple user assigned identities exist");
    }

    @Test
    void imdsWhenResourceIsNotTheTokenExchangeThenInvalidResource() {
        Answer answer = imds("resource=" + enc("https://vault.azure.net") + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID,
                Map.of("Metadata", "true"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("error", "invalid_resource");
    }

    @Test
    void appServiceWhenIdentityHeaderIsTheSecretThenToken() {
        Answer answer = appService("resource=" + enc(EXCHANGE) + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID,
                Map.of("X-IDENTITY-HEADER", "sandbox-identity-header"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("client_id", DemoTenant.API_IDENTITY_CLIENT_ID).containsKey("access_token");
    }

    @Test
    void appServiceWhenIdentityHeaderWrongThenUnauthorizedAndWhenMissingThenBadRequest() {
        String query = "resource=" + enc(EXCHANGE) + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID;

        assertThat(appService(query, Map.of("X-IDENTITY-HEADER", "guess")).status()).isEqualTo(401);
        assertThat(appService(query, Map.of()).status()).isEqualTo(400);
        assertThat(appService(query, Map.of()).json()).containsOnlyKeys("error", "error_description");
    }

    @Test
    void imdsWhenFaultPlanned503ThenImdsErrorWithRetryAfterThenTokenAgain() {
        Result planned = raw(URI.create(base() + "/admin/managed-identity/faults"), "POST", "{\"status\":503,\"count\":1,\"retryAfterSeconds\":2}",
                "application/json", Map.of());
        assertThat(planned.status()).isEqualTo(200);
        String query = "resource=" + enc(EXCHANGE) + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID;

        Answer failed = imds(query, Map.of("Metadata", "true"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json()).containsOnlyKeys("error", "error_description");
        assertThat(failed.response().headers().firstValue("Retry-After")).contains("2");
        assertThat(imds(query, Map.of("Metadata", "true")).status()).isEqualTo(200);
    }

    @Test
    void imdsWhenFaultPlanned429ThenTooManyRequests() {
        raw(URI.create(base() + "/admin/managed-identity/faults"), "POST", "{\"status\":429,\"count\":1}", "application/json", Map.of());

        Answer throttled = imds("resource=" + enc(EXCHANGE) + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID, Map.of("Metadata", "true"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json()).containsKey("error");
    }

    @Test
    void clientAssertionWhenManagedIdentityTokenOfTrustedIdentityThenAppToken() {
        String credential = (String) imds("resource=" + enc(EXCHANGE) + "&client_id=" + TestSeed.WORKER_IDENTITY_CLIENT_ID,
                Map.of("Metadata", "true")).json().get("access_token");

        Result result = rawForm("grant_type=client_credentials&scope=" + enc("https://management.azure.com/.default")
                + "&client_id=" + TestSeed.WORKER + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + credential);

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getClaim("appid")).isEqualTo(TestSeed.WORKER);
    }

    @Test
    void clientAssertionWhenManagedIdentityIsNotTheTrustedOneThenAadsts700213() {
        String credential = (String) imds("resource=" + enc(EXCHANGE) + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID,
                Map.of("Metadata", "true")).json().get("access_token");

        Result result = rawForm("grant_type=client_credentials&scope=" + enc("https://management.azure.com/.default")
                + "&client_id=" + TestSeed.WORKER + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + credential);

        assertEntraError(result, 401, "invalid_client", 700213);
    }

    @Test
    void imdsWhenManyAskAtOnceThenEachGetsAToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = IntStream.range(0, 16).mapToObj(i -> pool.submit(() -> imds("resource=" + enc(EXCHANGE)
                    + "&client_id=" + DemoTenant.API_IDENTITY_CLIENT_ID, Map.of("Metadata", "true")))).toList();
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
