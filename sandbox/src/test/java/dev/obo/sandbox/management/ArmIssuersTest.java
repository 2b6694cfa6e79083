package dev.obo.sandbox.management;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.identity.jose.SigningKeys;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARM accepts the identity provider's issuers whatever host ARM itself is called on, as real
 * ARM does: a token issued through {@code localhost} is good at ARM reached as
 * {@code 127.0.0.1} or as {@code management.azure.com} behind a TLS proxy, and ARM's
 * challenge points at the identity side. An issuer the sandbox never issued stays refused,
 * even on a token signed with the tenant's own key.
 */
// The issuers the sandbox has issued are its context's memory: a context of this class's own, so that
// another class's token issued through 127.0.0.1 (OnBehalfOfGrantTest has one) does not count here.
@DirtiesContext(classMode = ClassMode.BEFORE_CLASS)
class ArmIssuersTest extends SandboxTest {

    private static final String SUBSCRIPTIONS = "/subscriptions?api-version=2022-12-01";
    private static final Map<String, String> BEHIND_A_TLS_PROXY = Map.of("X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "management.azure.com");

    @Autowired
    private SigningKeys keys;

    @Test
    void listWhenTokenIssuedThroughLocalhostAndArmCalledThrough127001Then200() {
        String token = armToken();

        HttpResponse<String> response = arm(URI.create("http://127.0.0.1:" + port + SUBSCRIPTIONS), token, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void listWhenArmCalledAsManagementAzureComBehindATlsProxyThen200() {
        String token = armToken();

        HttpResponse<String> response = arm(URI.create(base() + SUBSCRIPTIONS), token, BEHIND_A_TLS_PROXY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void listWhenRefusedAsManagementAzureComThenChallengePointsAtTheIdentityBase() {
        armToken();

        HttpResponse<String> response = arm(URI.create(base() + SUBSCRIPTIONS), "not.a.jwt", BEHIND_A_TLS_PROXY);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer authorization_uri=\"" + base() + "/\""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://evil.example/" + TENANT + "/v2.0", "https://evil.example/" + TENANT + "/",
            "http://127.0.0.1:{port}/" + TENANT + "/", "https://sts.windows.net/" + TENANT + "/"})
    void listWhenIssuerNeverIssuedBySandboxThen401EvenWithTheTenantsKey(String issuer) throws Exception {
        armToken();
        String forged = signedByTheTenant(claims(armToken()), issuer.replace("{port}", Integer.toString(port)));

        HttpResponse<String> response = arm(URI.create(base() + SUBSCRIPTIONS), forged, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("InvalidAuthenticationToken").contains("issuer");
    }

    private String armToken() {
        return obo(userToken("alice@onbehalf.test", API_SCOPE), ARM_SCOPE).accessToken();
    }

    private String signedByTheTenant(JWTClaimsSet claims, String issuer) throws Exception {
        RSAKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder(claims).issuer(issuer).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
