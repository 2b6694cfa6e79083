package dev.obo.sandbox.identity.federation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.RunningSandbox;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workload identity federation at the token endpoint: a service account token of the sandbox's
 * Kubernetes issuer presented as {@code client_assertion}, matched against the app's federated identity
 * credentials and verified through the issuer's discovery over HTTP, and each way it can be wrong in
 * Entra's codes.
 */
class FederatedClientAssertionIT extends RunningSandbox {

    static final String ARM_DEFAULT = "https://management.azure.com/.default";
    static final String WORKER_SUBJECT = "system:serviceaccount:obo:worker";

    private String workerToken(long expiresInSeconds) {
        return serviceAccountToken(TestSeed.WORKER_CLUSTER, "obo", "worker", null, expiresInSeconds);
    }

    private Result clientCredentials(String clientId, String assertion) {
        return rawForm("grant_type=client_credentials&scope=" + enc(ARM_DEFAULT) + "&client_id=" + clientId
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion));
    }

    @Test
    void clientCredentialsWhenServiceAccountTokenMatchesThenAppTokenWithAzpacr2() throws Exception {
        Result result = clientCredentials(TestSeed.WORKER, workerToken(3600));

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        JWTClaimsSet claims = result.accessTokenClaims();
        assertThat(claims.getStringClaim("appid")).isEqualTo(TestSeed.WORKER);
        assertThat(claims.getStringClaim("appidacr")).isEqualTo("2");
    }

    @Test
    void onBehalfOfWhenApiProvesItselfWithServiceAccountTokenThenArmToken() {
        String user = userToken("alice@onbehalf.test", TestSeed.API_SCOPE);
        String credential = serviceAccountToken("demo", "obo", "api", null, 3600);

        Result result = rawForm("grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&requested_token_use=on_behalf_of"
                + "&scope=" + enc(TestSeed.ARM_SCOPE) + "&assertion=" + enc(user) + "&client_id=" + TestSeed.API
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(credential));

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getClaim("appidacr")).isEqualTo("2");
    }

    @Test
    void clientAssertionWhenSameServiceAccountTokenUsedAgainConcurrentlyThenEachTakes() throws Exception {
        String token = workerToken(3600);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result>> results = IntStream.range(0, 16).mapToObj(i -> pool.submit(() -> clientCredentials(TestSeed.WORKER, token))).toList();
            for (Future<Result> result : results) {
                assertThat(result.get().status()).as("%s", result.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clientAssertionWhenMissingThenAadsts900144() {
        Result result = rawForm("grant_type=client_credentials&scope=" + enc(ARM_DEFAULT) + "&client_id=" + TestSeed.WORKER
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));

        assertEntraError(result, 400, "invalid_request", 900144);
    }

    @Test
    void clientAssertionWhenMalformedThenAadsts50027() {
        assertEntraError(clientCredentials(TestSeed.WORKER, "not.a-jwt"), 400, "invalid_request", 50027);
    }

    @Test
    void clientAssertionWhenExpiredThenAadsts700024() {
        Result result = clientCredentials(TestSeed.WORKER, workerToken(-600));

        assertEntraError(result, 401, "invalid_client", 700024);
        assertThat(result.description()).contains("not within its valid time range");
    }

    @Test
    void clientAssertionWhenNotYetValidThenAadsts700024() {
        String token = workerToken(3600);
        clock.advance(Duration.ofMinutes(-10));

        assertEntraError(clientCredentials(TestSeed.WORKER, token), 401, "invalid_client", 700024);
    }

    @Test
    void clientAssertionWhenSignedByAnotherKeyThenAadsts50027() throws Exception {
        SignedJWT genuine = SignedJWT.parse(workerToken(3600));
        RSAKey other = new RSAKeyGenerator(2048).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(genuine.getHeader().getKeyID()).build(),
                genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(other));

        Result result = clientCredentials(TestSeed.WORKER, forged.serialize());

        assertEntraError(result, 400, "invalid_request", 50027);
        assertThat(result.description()).contains("signature");
    }

    @Test
    void clientAssertionWhenAudienceIsNotTheCredentialsThenAadsts700212() {
        String token = serviceAccountToken(TestSeed.WORKER_CLUSTER, "obo", "worker", "api://something-else", 3600);

        Result result = clientCredentials(TestSeed.WORKER, token);

        assertEntraError(result, 401, "invalid_client", 700212);
        assertThat(result.description()).contains("'api://something-else'");
    }

    @Test
    void clientAssertionWhenCredentialHasCustomAudienceThenThatAudienceIsTaken() {
        String token = serviceAccountToken(TestSeed.WORKER_CLUSTER, "obo", "custom", "api://custom-exchange", 3600);

        assertThat(clientCredentials(TestSeed.WORKER, token).status()).isEqualTo(200);
    }

    @Test
    void clientAssertionWhenSubjectIsAnotherServiceAccountThenAadsts700213() {
        String token = serviceAccountToken(TestSeed.WORKER_CLUSTER, "obo", "intruder", null, 3600);

        Result result = clientCredentials(TestSeed.WORKER, token);

        assertEntraError(result, 401, "invalid_client", 700213);
        assertThat(result.description()).contains("'system:serviceaccount:obo:intruder'");
    }

    @Test
    void clientAssertionWhenIssuerIsAnotherClusterThenAadsts700211() {
        String token = serviceAccountToken("elsewhere", "obo", "worker", null, 3600);

        Result result = clientCredentials(TestSeed.WORKER, token);

        assertEntraError(result, 401, "invalid_client", 700211);
        assertThat(result.description()).contains("'" + base() + "/kubernetes/elsewhere'");
    }

    @Test
    void clientAssertionWhenIssuerCannotBeReachedThenAadsts90061() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestSeed.UNREACHABLE_ISSUER).subject("nobody")
                .audience("api://AzureADTokenExchange").expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        Result result = clientCredentials(TestSeed.WORKER, jwt.serialize());

        assertEntraError(result, 400, "invalid_request", 90061);
    }

    @Test
    void clientAuthenticationsWhenFederatedThenDecodedAssertionWithoutSignatureOrRawValue() throws Exception {
        String token = workerToken(3600);
        assertThat(clientCredentials(TestSeed.WORKER, token).status()).isEqualTo(200);
        String signature = token.substring(token.lastIndexOf('.') + 1);

        Answer seen = new Answer(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(base() + "/admin/client-authentications")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));

        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.response().body()).doesNotContain(signature).doesNotContain(token.substring(0, token.lastIndexOf('.')))
                .doesNotContain("web-secret").doesNotContain("api-secret");
        @SuppressWarnings("unchecked")
        Map<String, Object> newest = ((List<Map<String, Object>>) (List<?>) com.nimbusds.jose.util.JSONArrayUtils.parse(seen.response().body())).get(0);
        assertThat(newest).containsEntry("clientId", TestSeed.WORKER).containsEntry("method", "federated").containsKey("at");
        @SuppressWarnings("unchecked")
        Map<String, Object> assertion = (Map<String, Object>) newest.get("assertion");
        assertThat(assertion).containsOnlyKeys("header", "claims");
        assertThat((Map<String, Object>) assertion.get("claims")).containsEntry("sub", WORKER_SUBJECT);
        assertThat((Map<String, Object>) assertion.get("header")).containsKey("kid");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
