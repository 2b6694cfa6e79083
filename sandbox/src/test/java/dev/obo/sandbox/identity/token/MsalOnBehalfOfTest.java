package dev.obo.sandbox.identity.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLSocketFactory;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.InteractionRequiredExceptionReason;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.UserAssertion;
import com.microsoft.aad.msal4j.UserNamePasswordParameters;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestKeyMaterial;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.GRAPH_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Microsoft's own client library accepts the sandbox: MSAL4J's {@link ConfidentialClientApplication},
 * with its defaults (authority validation and instance discovery on), pointed at the sandbox
 * over TLS (MSAL requires https; the test makes the certificate), gets ARM tokens On-Behalf-Of
 * a user (and Graph tokens, which Graph, called by its real name, takes), and sees consent and
 * MFA refusals as its own exception types; its
 * {@link PublicClientApplication} signs a user in with a password after user realm discovery.
 * MSAL4J sends instance discovery for an unknown host to {@code login.microsoftonline.com} on
 * the authority's port, which the tests' name service ({@code src/test/hosts}) makes this machine.
 */
class MsalOnBehalfOfTest extends SandboxTest {

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> TestKeyMaterial.get().tlsKeystore.toString());
        registry.add("server.ssl.key-store-password", () -> TestKeyMaterial.PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
    }

    @Override
    protected String base() {
        return "https://localhost:" + port;
    }

    @Override
    protected SSLSocketFactory sslSocketFactory() {
        return TestKeyMaterial.get().trustingTls().getSocketFactory();
    }

    @Test
    void msalOnBehalfOfWhenAliceThenArmTokenForHer() throws Exception {
        IAuthenticationResult result = msal(API, ClientCredentialFactory.createFromSecret("api-secret"))
                .acquireToken(OnBehalfOfParameters.builder(Set.of(ARM_SCOPE), new UserAssertion(userToken("alice@onbehalf.test", API_SCOPE))).build())
                .get();

        JWTClaimsSet arm = claims(result.accessToken());
        assertThat(arm.getAudience()).containsExactly("https://management.azure.com/");
        assertThat(arm.getStringClaim("appid")).isEqualTo(API);
        assertThat(arm.getStringClaim("upn")).isEqualTo("alice@onbehalf.test");
        assertThat(result.scopes()).contains("user_impersonation");
    }

    @Test
    void armWhenCalledByItsRealNameOverTlsWithMsalsTokenThenHerSubscriptions() throws Exception {
        String token = msal(API, ClientCredentialFactory.createFromSecret("api-secret"))
                .acquireToken(OnBehalfOfParameters.builder(Set.of(ARM_SCOPE), new UserAssertion(userToken("alice@onbehalf.test", API_SCOPE))).build())
                .get().accessToken();
        HttpClient https = HttpClient.newBuilder().sslContext(TestKeyMaterial.get().trustingTls()).build();
        URI subscriptions = URI.create("https://management.azure.com:" + port + "/subscriptions?api-version=2022-12-01");

        HttpResponse<String> ok = https.send(HttpRequest.newBuilder(subscriptions).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = https.send(HttpRequest.newBuilder(subscriptions).header("Authorization", "Bearer x.y.z").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"subscriptionId\"");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer authorization_uri=\"" + base() + "/\""));
    }

    @Test
    void msalOnBehalfOfForGraphWhenAliceThenGraphCalledByItsRealNameAnswersHerProfile() throws Exception {
        IAuthenticationResult result = msal(API, ClientCredentialFactory.createFromSecret("api-secret"))
                .acquireToken(OnBehalfOfParameters.builder(Set.of(GRAPH_SCOPE), new UserAssertion(userToken("alice@onbehalf.test", API_SCOPE))).build())
                .get();
        assertThat(claims(result.accessToken()).getAudience()).containsExactly("https://graph.microsoft.com");
        HttpClient https = HttpClient.newBuilder().sslContext(TestKeyMaterial.get().trustingTls()).build();

        HttpResponse<String> me = https.send(HttpRequest.newBuilder(URI.create("https://graph.microsoft.com:" + port + "/v1.0/me"))
                .header("Authorization", "Bearer " + result.accessToken()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"userPrincipalName\":\"alice@onbehalf.test\"")
                .contains("\"@odata.context\":\"https://graph.microsoft.com:" + port + "/v1.0/$metadata#users/$entity\"");
    }

    @Test
    void msalPasswordGrantWhenPublicClientThenUserRealmSaysManagedAndTokenIssued() throws Exception {
        PublicClientApplication cli = PublicClientApplication.builder(TestSeed.CLI)
                .authority(base() + "/" + TENANT + "/")
                .sslSocketFactory(sslSocketFactory())
                .build();

        IAuthenticationResult result = cli.acquireToken(UserNamePasswordParameters.builder(Set.of(API_SCOPE), "bob@onbehalf.test",
                "sandbox".toCharArray()).build()).get();

        assertThat(claims(result.accessToken()).getStringClaim("preferred_username")).isEqualTo("bob@onbehalf.test");
        assertThat(result.account().username()).isEqualTo("bob@onbehalf.test");
    }

    @Test
    void msalOnBehalfOfWhenCertificateCredentialThenArmToken() throws Exception {
        String assertion = publicToken(new ClientID(TestSeed.CLI),
                new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test", new Secret("sandbox")),
                "api://" + TestSeed.CERT_API + "/access_as_user").accessToken();
        IClientCredential certificate = ClientCredentialFactory.createFromCertificate(
                TestKeyMaterial.get().clientPrivateKey(), TestKeyMaterial.get().clientCertificate());

        IAuthenticationResult result = msal(TestSeed.CERT_API, certificate)
                .acquireToken(OnBehalfOfParameters.builder(Set.of(ARM_SCOPE), new UserAssertion(assertion)).build()).get();

        assertThat(claims(result.accessToken()).getStringClaim("appidacr")).isEqualTo("2");
    }

    @Test
    void msalOnBehalfOfWhenUserHasNotConsentedThenInteractionRequiredWithConsentReason() throws Exception {
        MsalInteractionRequiredException e = failure(userToken("carol@onbehalf.test", API_SCOPE), MsalInteractionRequiredException.class);

        assertThat(e.errorCode()).isEqualTo("invalid_grant");
        assertThat(e.reason()).isEqualTo(InteractionRequiredExceptionReason.CONSENT_REQUIRED);
        assertThat(e.getMessage()).contains("AADSTS65001");
    }

    // NOTE: as Entra answers a conditional-access failure at the token endpoint with
    // error=interaction_required (not invalid_grant), MSAL4J raises its MsalServiceException carrying the claims.
    @Test
    void msalOnBehalfOfWhenMfaRequiredThenServiceExceptionWithInteractionRequiredAndClaimsChallenge() throws Exception {
        MsalServiceException e = failure(userToken("dave@onbehalf.test", API_SCOPE), MsalServiceException.class);

        assertThat(e).isNotInstanceOf(MsalInteractionRequiredException.class);
        assertThat(e.errorCode()).isEqualTo("interaction_required");
        assertThat(e.getMessage()).contains("AADSTS50076");
        assertThat(e.claims()).contains("\"mfa\"");
    }

    private <T extends MsalServiceException> T failure(String assertion, Class<T> type) throws Exception {
        ExecutionException thrown = catchThrowableOfType(ExecutionException.class, () ->
                msal(API, ClientCredentialFactory.createFromSecret("api-secret"))
                        .acquireToken(OnBehalfOfParameters.builder(Set.of(ARM_SCOPE), new UserAssertion(assertion)).build()).get());
        assertThat(thrown).isNotNull();
        assertThat(thrown.getCause()).isInstanceOf(type);
        return type.cast(thrown.getCause());
    }

    private ConfidentialClientApplication msal(String clientId, IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(clientId, credential)
                .authority(base() + "/" + TENANT + "/")
                .sslSocketFactory(sslSocketFactory())
                .build();
    }
}
