package dev.obo.sandbox.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kit as a test without Spring uses it: a sandbox of this class's own, with a user added in
 * code, injected as a parameter; its tokens, counts, clock, restart, admin operations on users and
 * browserless sign-in.
 */
@EntraSandbox(lifecycle = EntraSandbox.Lifecycle.PER_CLASS, seed = EntraSandboxIT.Frank.class)
class EntraSandboxIT {

    /** A user of this test's own, with three subscriptions. */
    public static class Frank implements SeedCustomizer {
        @Override
        public void customize(SandboxSeedBuilder seed) {
            seed.user("frank@onbehalf.test", u -> u.displayName("Frank Fisher").subscriptions(3))
                    .consent("frank@onbehalf.test", DemoTenant.WEB, DemoTenant.API, "access_as_user")
                    .consent("frank@onbehalf.test", DemoTenant.API, DemoTenant.ARM, "user_impersonation");
        }
    }

    private static int ownPort;

    @BeforeAll
    static void own(Sandbox sandbox) {
        ownPort = sandbox.port();
    }

    @AfterEach
    void clockBack(Sandbox sandbox) {
        sandbox.clock().reset();
    }

    /** A nested class has no annotation of its own: it gets the enclosing class's sandbox, seed and all. */
    @Nested
    class WhenNested {

        @Test
        void sandboxWhenNestedThenTheEnclosingClassesOwn(Sandbox sandbox) {
            assertThat(sandbox.port()).isEqualTo(ownPort);
            assertThat(sandbox.onBehalfOf(sandbox.userToken("frank@onbehalf.test"), DemoTenant.ARM_SCOPE)).containsKey("access_token");
        }
    }

    @Test
    void userTokenWhenUserAddedInCodeThenOnBehalfOfReachesHisSubscriptions(Sandbox sandbox) throws Exception {
        String assertion = sandbox.userToken("frank@onbehalf.test");
        long before = sandbox.oboRequests();

        Object armToken = sandbox.onBehalfOf(assertion, DemoTenant.ARM_SCOPE).get("access_token");
        HttpResponse<String> subscriptions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.armSubscriptionsUri()))
                .header("Authorization", "Bearer " + armToken).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(subscriptions.statusCode()).isEqualTo(200);
        assertThat(subscriptions.body()).contains("Frank Fisher – 1", "Frank Fisher – 3");
        assertThat(sandbox.oboRequests() - before).isEqualTo(1);
        assertThat(sandbox.tokenRequests("urn:ietf:params:oauth:grant-type:jwt-bearer", "issued")).isPositive();
        assertThat(sandbox.armRequests()).isPositive();
    }

    @Test
    void clockWhenMovedThenTheSandboxIssuesTokensAtThatTime(Sandbox sandbox) {
        sandbox.clock().advance(Duration.ofDays(2));

        Map<String, Object> claims = claims(sandbox.userToken(DemoTenant.BOB));

        long iat = ((Number) claims.get("iat")).longValue();
        assertThat(iat).isGreaterThan(System.currentTimeMillis() / 1000 + Duration.ofDays(1).toSeconds());
    }

    @Test
    void restartWhenDoneThenSamePortAndNewKeysSoOldTokensAreRefused(Sandbox sandbox) {
        String old = sandbox.userToken(DemoTenant.ALICE);
        int port = sandbox.port();

        sandbox.restart();

        assertThat(sandbox.port()).isEqualTo(port);
        assertThat(sandbox.onBehalfOf(old, DemoTenant.ARM_SCOPE)).containsEntry("error", "invalid_grant");
        assertThat(sandbox.onBehalfOf(sandbox.userToken(DemoTenant.ALICE), DemoTenant.ARM_SCOPE)).containsKey("access_token");
    }

    @Test
    void revokeSessionsWhenCalledThenArmChallengesTheCaeTokenIssuedBeforeAndTakesOneIssuedAfter(Sandbox sandbox) throws Exception {
        String user = "frank@onbehalf.test";
        // A token from a second ago, and the revocation now: the clock back, never ahead, before the revocation,
        // or the revocation would lie in the future once the clock is reset, for the other tests of this sandbox.
        sandbox.clock().advance(Duration.ofSeconds(-1));
        String cae = caeArmToken(sandbox, user);
        sandbox.clock().reset();
        long before = sandbox.armCaeChallenges();

        Sandbox.Account account = sandbox.revokeSessions(user);

        assertThat(account.userPrincipalName()).isEqualTo(user);
        assertThat(account.accountEnabled()).isTrue();
        assertThat(account.tokensValidFrom()).isBetween(sandbox.clock().instant().minusSeconds(2), sandbox.clock().instant());
        HttpResponse<String> refused = arm(sandbox, cae);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("claims=\""));
        assertThat(sandbox.armCaeChallenges() - before).isEqualTo(1);
        assertThat(arm(sandbox, caeArmToken(sandbox, user)).statusCode()).isEqualTo(200);
    }

    @Test
    void disableWhenCalledThenNoTokenUntilEnabledAndARestartForgetsIt(Sandbox sandbox) {
        assertThat(sandbox.disable(DemoTenant.BOB).accountEnabled()).isFalse();
        assertThat(sandbox.token(password(DemoTenant.BOB, DemoTenant.PASSWORD))).containsEntry("error_codes", List.of(50057));
        assertThat(sandbox.enable(DemoTenant.BOB).accountEnabled()).isTrue();
        assertThat(sandbox.resetPassword(DemoTenant.BOB).tokensValidFrom()).isNotNull();
        assertThat(sandbox.token(password(DemoTenant.BOB, DemoTenant.PASSWORD))).as("the password kept").containsKey("access_token");
        sandbox.resetPassword(DemoTenant.BOB, "an0ther-one");
        assertThat(sandbox.token(password(DemoTenant.BOB, "an0ther-one"))).containsKey("access_token");
        sandbox.disable(DemoTenant.BOB);

        sandbox.restart();

        assertThat(sandbox.token(password(DemoTenant.BOB, DemoTenant.PASSWORD))).as("the seed's account again").containsKey("access_token");
    }

    @Test
    void revokeSessionsWhenUserUnknownThenTheKitSaysWhy(Sandbox sandbox) {
        assertThatThrownBy(() -> sandbox.revokeSessions("nobody@onbehalf.test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Request_ResourceNotFound");
    }

    @Test
    void browserWhenSigningInThenTheCodeComesBackToTheClient(Sandbox sandbox) {
        BrowserlessUser user = BrowserlessUser.within(sandbox.base());
        BrowserlessUser.Page login = user.open(sandbox.authorizeEndpoint() + "?client_id=" + DemoTenant.WEB + "&response_type=code"
                + "&redirect_uri=http://localhost:8000/account/callback&scope=openid&state=s1");

        BrowserlessUser.Page back = user.signIn(login, DemoTenant.ALICE);

        assertThat(back.answer()).containsKey("code").containsEntry("state", "s1");
    }

    private static String caeArmToken(Sandbox sandbox, String user) {
        Map<String, Object> obo = sandbox.token(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "requested_token_use", "on_behalf_of", "client_id", DemoTenant.API, "client_secret", DemoTenant.API_SECRET,
                "assertion", sandbox.userToken(user), "scope", DemoTenant.ARM_SCOPE,
                "claims", "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}"));
        assertThat(claims((String) obo.get("access_token"))).containsEntry("xms_cc", List.of("cp1"));
        return (String) obo.get("access_token");
    }

    private static HttpResponse<String> arm(Sandbox sandbox, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.armSubscriptionsUri()))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> password(String user, String password) {
        return Map.of("grant_type", "password", "client_id", DemoTenant.WEB, "client_secret", DemoTenant.WEB_SECRET,
                "username", user, "password", password, "scope", DemoTenant.API_SCOPE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return new tools.jackson.databind.json.JsonMapper().readValue(payload, Map.class);
    }

    @Test
    void managedIdentityEndpointWhenOneIdentitySeededAndNoneNamedThenThatOnesTokenProvesTheApi(Sandbox sandbox) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.managedIdentityEndpoint()
                + "?api-version=2018-02-01&resource=api://AzureADTokenExchange")).header("Metadata", "true").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String credential = (String) new tools.jackson.databind.json.JsonMapper().readValue(answer.body(), Map.class).get("access_token");

        Map<String, Object> token = sandbox.token(Map.of("grant_type", "client_credentials", "client_id", DemoTenant.API,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", credential,
                "scope", "https://management.azure.com/.default"));

        assertThat(token).containsKey("access_token");
        ClientAuthentication seen = sandbox.clientAuthentications().get(0);
        assertThat(seen.clientId()).isEqualTo(DemoTenant.API);
        assertThat(seen.method()).isEqualTo("federated");
        assertThat(seen.claims()).containsEntry("oid", DemoTenant.API_IDENTITY_PRINCIPAL_ID);
        assertThat(sandbox.federatedAuthentications("authenticated")).isPositive();
        assertThat(sandbox.managedIdentityTokenRequests("issued")).isPositive();
    }

    @Test
    void serviceAccountTokenWhenApisClusterThenItProvesTheApi(Sandbox sandbox) {
        String credential = sandbox.serviceAccountToken(DemoTenant.KUBERNETES_CLUSTER, DemoTenant.API_NAMESPACE,
                DemoTenant.API_SERVICE_ACCOUNT, Duration.ofMinutes(10));

        Map<String, Object> token = sandbox.token(Map.of("grant_type", "client_credentials", "client_id", DemoTenant.API,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", credential,
                "scope", "https://management.azure.com/.default"));

        assertThat(token).containsKey("access_token");
        assertThat(sandbox.clientAuthentications().get(0).claims()).containsEntry("iss", sandbox.kubernetesIssuer(DemoTenant.KUBERNETES_CLUSTER));
        assertThat(sandbox.identityHeaderSecret()).isEqualTo("sandbox-identity-header");
    }
}
