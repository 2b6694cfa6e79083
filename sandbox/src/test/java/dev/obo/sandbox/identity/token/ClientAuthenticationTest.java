package dev.obo.sandbox.identity.token;

import java.net.URI;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestKeyMaterial;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication at the token endpoint: {@code client_secret_basic},
 * {@code client_secret_post} and {@code private_key_jwt} (RFC 7523 section 3), and the
 * ways a client assertion can be wrong (AADSTS700027).
 */
class ClientAuthenticationTest extends SandboxTest {

    static final String DAEMON = "4a5b6c7d-0000-4000-8000-0000000000e2";
    static final String CERT_API_DEFAULT = "api://" + TestSeed.CERT_API + "/.default";

    @Test
    void clientSecretBasicWhenRightThenAppTokenWithRoles() throws Exception {
        Result result = token(new com.nimbusds.oauth2.sdk.auth.ClientSecretBasic(new ClientID(DAEMON), new Secret("daemon-secret")),
                new ClientCredentialsGrant(), CERT_API_DEFAULT, Map.of());

        assertThat(result.status()).isEqualTo(200);
        JWTClaimsSet claims = result.accessTokenClaims();
        assertThat(claims.getStringListClaim("roles")).containsExactly("Subscriptions.Read");
        assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(claims.getStringClaim("azpacr")).isEqualTo("1");
        assertThat(claims.getClaim("scp")).isNull();
        assertThat(result.body()).doesNotContainKey("refresh_token");
    }

    @Test
    void clientSecretPostWhenRightThenToken() {
        Result result = token(new ClientSecretPost(new ClientID(DAEMON), new Secret("daemon-secret")),
                new ClientCredentialsGrant(), CERT_API_DEFAULT, Map.of());

        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void privateKeyJwtWhenSignedByTheRegisteredCertificateThenTokenWithAzpacr2() throws Exception {
        Result result = token(certificateApi(), new ClientCredentialsGrant(), "https://management.azure.com/.default", Map.of());

        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        assertThat(result.accessTokenClaims().getStringClaim("appidacr")).isEqualTo("2");
    }

    @Test
    void privateKeyJwtWhenSignedByAnotherKeyThenAadsts700027() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).generate();
        PrivateKeyJWT forged = new PrivateKeyJWT(new ClientID(TestSeed.CERT_API), tokenEndpoint(), JWSAlgorithm.RS256,
                other.toPrivateKey(), null, null);

        Result result = token(forged, new ClientCredentialsGrant(), "https://management.azure.com/.default", Map.of());

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.errorCode()).isEqualTo(700027);
    }

    @Test
    void privateKeyJwtWhenAudienceIsAnotherServerThenAadsts700027() throws Exception {
        PrivateKeyJWT elsewhere = new PrivateKeyJWT(new ClientID(TestSeed.CERT_API), URI.create("https://login.example/token"),
                JWSAlgorithm.RS256, TestKeyMaterial.get().clientPrivateKey(), null, null);

        Result result = token(elsewhere, new ClientCredentialsGrant(), "https://management.azure.com/.default", Map.of());

        assertThat(result.errorCode()).isEqualTo(700027);
        assertThat(result.description()).contains("audience");
    }

    @Test
    void privateKeyJwtWhenReplayedThenAadsts700027() throws Exception {
        PrivateKeyJWT once = (PrivateKeyJWT) certificateApi();
        assertThat(token(once, new ClientCredentialsGrant(), "https://management.azure.com/.default", Map.of()).status()).isEqualTo(200);

        Result replay = token(once, new ClientCredentialsGrant(), "https://management.azure.com/.default", Map.of());

        assertThat(replay.errorCode()).isEqualTo(700027);
        assertThat(replay.description()).contains("already used");
    }

    @Test
    void privateKeyJwtWhenExpiredThenAadsts700027() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestSeed.CERT_API).subject(TestSeed.CERT_API)
                .audience(tokenEndpoint().toString()).expirationTime(new Date(System.currentTimeMillis() - 600_000))
                .jwtID("expired-1").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(TestKeyMaterial.get().clientPrivateKey()));

        Result result = rawForm("grant_type=client_credentials&scope=https://management.azure.com/.default"
                + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=" + jwt.serialize());

        assertThat(result.errorCode()).isEqualTo(700027);
        assertThat(result.description()).contains("expired");
    }

    @Test
    void privateKeyJwtWhenClientHasNoCertificateThenAadsts700027() throws Exception {
        PrivateKeyJWT web = new PrivateKeyJWT(new ClientID(TestSeed.WEB), tokenEndpoint(), JWSAlgorithm.RS256,
                TestKeyMaterial.get().clientPrivateKey(), null, null);

        Result result = token(web, new ClientCredentialsGrant(), "https://management.azure.com/.default", Map.of());

        assertThat(result.errorCode()).isEqualTo(700027);
    }

    @Test
    void clientAssertionWhenWrongAssertionTypeThenInvalidRequest() {
        Result result = rawForm("grant_type=client_credentials&client_id=" + TestSeed.CERT_API
                + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:saml2-bearer&client_assertion=x");

        assertThat(result.errorCode()).isEqualTo(9002313);
    }
}
