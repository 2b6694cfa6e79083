package dev.obo.sandbox.identity.token;

import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import net.minidev.json.JSONObject;
import net.minidev.json.parser.JSONParser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;
import dev.obo.sandbox.identity.jose.SigningKeys;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/** Entra's On-Behalf-Of grant: what it issues and each check it makes, in the words of its AADSTS codes. */
class OnBehalfOfGrantTest extends SandboxTest {

    @Test
    void oboWhenAliceThenArmV1TokenForHerWithTheApiAsCallingClient() throws Exception {
        String assertion = userToken("alice@onbehalf.test", API_SCOPE);

        Result result = obo(assertion, ARM_SCOPE);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).containsEntry("token_type", "Bearer").containsEntry("scope", ARM_SCOPE)
                .doesNotContainKey("refresh_token");
        JWTClaimsSet arm = result.accessTokenClaims();
        JWTClaimsSet user = claims(assertion);
        assertThat(arm.getAudience()).containsExactly("https://management.azure.com/");
        assertThat(arm.getIssuer()).isEqualTo(base() + "/" + TENANT + "/");
        assertThat(arm.getStringClaim("ver")).isEqualTo("1.0");
        assertThat(arm.getStringClaim("appid")).isEqualTo(API);
        assertThat(arm.getStringClaim("scp")).isEqualTo("user_impersonation");
        assertThat(arm.getStringClaim("oid")).isEqualTo(user.getStringClaim("oid"));
        assertThat(arm.getStringClaim("tid")).isEqualTo(TENANT);
        assertThat(arm.getStringClaim("name")).isEqualTo("Alice Adams");
        assertThat(arm.getStringClaim("upn")).isEqualTo("alice@onbehalf.test");
        assertThat(SignedJWT.parse(result.accessToken()).getHeader().getKeyID()).isNotBlank();
    }

    // Entra's tokens name one issuer whichever alias of Entra issued them; the sandbox's name the
    // host they were issued through, and it recognises them through any of its names.
    @Test
    void oboWhenAssertionWasIssuedThroughAnotherNameOfTheSandboxThenAccepted() {
        String assertion = userToken("alice@onbehalf.test", API_SCOPE);

        Result result = raw(URI.create("http://127.0.0.1:" + port + "/" + TENANT + "/oauth2/v2.0/token"), "POST",
                "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of&assertion=" + assertion
                        + "&scope=" + ARM_SCOPE + "&client_id=" + API + "&client_secret=api-secret",
                "application/x-www-form-urlencoded", Map.of());

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getIssuer()).isEqualTo("http://127.0.0.1:" + port + "/" + TENANT + "/");
    }

    @Test
    void oboWhenOfflineAccessAskedThenRefreshTokenIssued() {
        Result result = obo(userToken("bob@onbehalf.test", API_SCOPE), ARM_SCOPE + " offline_access");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).containsKey("refresh_token");
    }

    @Test
    void oboWhenDefaultScopeThenConsentedPermissionsOfTheResource() throws Exception {
        Result result = obo(userToken("alice@onbehalf.test", API_SCOPE), "https://management.core.windows.net//.default");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(result.accessTokenClaims().getStringClaim("scp")).isEqualTo("user_impersonation");
    }

    @Test
    void oboWhenUserHasNotConsentedThenAadsts65001ConsentRequired() {
        Result result = obo(userToken("carol@onbehalf.test", API_SCOPE), ARM_SCOPE);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.error()).isEqualTo("invalid_grant");
        assertThat(result.errorCode()).isEqualTo(65001);
        assertThat(result.body()).containsEntry("suberror", "consent_required");
        assertThat(result.description()).startsWith("AADSTS65001: ");
    }

    @Test
    void oboWhenConditionalAccessRequiresMfaThenAadsts50076WithClaimsChallenge() throws Exception {
        Result result = obo(userToken("dave@onbehalf.test", API_SCOPE), ARM_SCOPE);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.error()).isEqualTo("interaction_required");
        assertThat(result.errorCode()).isEqualTo(50076);
        JSONObject claims = (JSONObject) new JSONParser(JSONParser.MODE_STRICTEST).parse((String) result.body().get("claims"));
        JSONObject accessToken = (JSONObject) claims.get("access_token");
        assertThat(accessToken).containsKeys("acrs", "amr");
        assertThat(accessToken.get("amr").toString()).contains("mfa");
    }

    @Test
    void oboWhenAssertionAudienceIsAnotherClientThenAadsts500131() {
        String armToken = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken();

        Result result = obo(armToken, ARM_SCOPE);

        assertThat(result.errorCode()).isEqualTo(500131);
        assertThat(result.error()).isEqualTo("invalid_grant");
    }

    @Test
    void oboWhenAssertionExpiredThenAadsts500133() {
        String assertion = userToken("alice@onbehalf.test", API_SCOPE);
        clock.advance(Duration.ofHours(2));

        Result result = obo(assertion, ARM_SCOPE);

        assertThat(result.errorCode()).isEqualTo(500133);
        assertThat(result.error()).isEqualTo("invalid_grant");
    }

    @Test
    void oboWhenAssertionForgedWithAnotherKeyUnderTheTenantsKidThenAadsts50013() throws Exception {
        String genuine = userToken("alice@onbehalf.test", API_SCOPE);
        SignedJWT real = SignedJWT.parse(genuine);
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID())
                .type(JOSEObjectType.JWT).build(), real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(attacker));

        Result result = obo(forged.serialize(), ARM_SCOPE);

        assertThat(result.errorCode()).isEqualTo(50013);
        assertThat(result.description()).contains("signature does not verify");
    }

    @Test
    void oboWhenAssertionSignedByUnknownKeyThenAadsts50013() throws Exception {
        JWTClaimsSet claims = claims(userToken("alice@onbehalf.test", API_SCOPE));
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(), claims);
        forged.sign(new RSASSASigner(attacker));

        assertThat(obo(forged.serialize(), ARM_SCOPE).errorCode()).isEqualTo(50013);
    }

    @Test
    void oboWhenAssertionIsAnAppOnlyTokenThenAadsts50013() {
        Result daemon = token(new ClientSecretPost(new ClientID("4a5b6c7d-0000-4000-8000-0000000000e2"), new Secret("daemon-secret")),
                new ClientCredentialsGrant(), "api://4a5b6c7d-0000-4000-8000-0000000000e1/.default", Map.of());
        assertThat(daemon.status()).isEqualTo(200);
        Result result = obo(certificateApi(), daemon.accessToken(), ARM_SCOPE);

        assertThat(result.errorCode()).isEqualTo(50013);
        assertThat(result.description()).contains("app-only");
    }

    @Test
    void oboWhenScopeIsNotInTheClientsRequiredPermissionsThenAadsts65005() {
        Result result = obo(userToken("alice@onbehalf.test", API_SCOPE), API_SCOPE);

        assertThat(result.errorCode()).isEqualTo(65005);
    }

    @Test
    void oboWhenScopeIsNotExposedByTheResourceThenAadsts70011() {
        Result result = obo(userToken("alice@onbehalf.test", API_SCOPE), "https://management.azure.com/delete_everything");

        assertThat(result.errorCode()).isEqualTo(70011);
        assertThat(result.error()).isEqualTo("invalid_scope");
    }

    @Test
    void oboWhenResourceIsUnknownThenAadsts500011() {
        Result result = obo(userToken("alice@onbehalf.test", API_SCOPE), "https://vault.azure.net/user_impersonation");

        assertThat(result.errorCode()).isEqualTo(500011);
    }

    @Test
    void oboWhenScopesNameTwoResourcesThenAadsts28000() {
        Result result = obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE + " " + API_SCOPE);

        assertThat(result.errorCode()).isEqualTo(28000);
    }

    @Test
    void oboWhenRequestedTokenUseMissingThenAadsts900144() throws Exception {
        Result result = token(api(), new JWTBearerGrant(
                SignedJWT.parse(userToken("alice@onbehalf.test", API_SCOPE))), ARM_SCOPE, Map.of());

        assertThat(result.errorCode()).isEqualTo(900144);
        assertThat(result.description()).contains("requested_token_use");
    }

    @Test
    void oboWhenClientSecretIsWrongThenAadsts7000215AndUnauthorized() {
        Result result = obo(new ClientSecretBasic(new ClientID(API), new Secret("guess")),
                userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE);

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.errorCode()).isEqualTo(7000215);
    }

    @Test
    void oboWhenClientAuthenticatesWithCertificateThenAppidacrIs2() throws Exception {
        Result cli = publicToken(new ClientID(TestSeed.CLI),
                new ResourceOwnerPasswordCredentialsGrant("alice@onbehalf.test", new Secret("sandbox")),
                "api://" + TestSeed.CERT_API + "/access_as_user");
        assertThat(cli.status()).as("%s", cli.body()).isEqualTo(200);

        Result result = obo(certificateApi(), cli.accessToken(), ARM_SCOPE);

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getStringClaim("appidacr")).isEqualTo("2");
        assertThat(result.accessTokenClaims().getStringClaim("appid")).isEqualTo(TestSeed.CERT_API);
    }

    @Test
    void oboWhenAssertionIsNotYetValidThenAadsts500133() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(userToken("alice@onbehalf.test", API_SCOPE)))
                .notBeforeTime(Date.from(clock.instant().plus(Duration.ofHours(1)))).build();
        // Signed with the sandbox's own current key, so only the time window is wrong.
        SignedJWT early = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.current().getKeyID()).build(), claims);
        early.sign(new RSASSASigner(keys.current()));

        assertThat(obo(early.serialize(), ARM_SCOPE).errorCode()).isEqualTo(500133);
    }

    @Autowired
    SigningKeys keys;
}
