package dev.obo.sandbox.identity.jose;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing-key rollover: the next key is published before it signs, the old one stays until its tokens expire. */
@DirtiesContext
class KeyRotationTest extends SandboxTest {

    @Test
    void rotateWhenTriggeredThenTheAlreadyPublishedNextKeySignsAndOldTokensStillVerify() throws Exception {
        String before = userToken("alice@onbehalf.test", API_SCOPE);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        JWKSet publishedBefore = keys();

        String newKid = rotate();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedBefore.getKeyByKeyId(newKid)).as("published before it signs").isNotNull();
        String after = userToken("alice@onbehalf.test", API_SCOPE);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(keys().getKeyByKeyId(oldKid)).as("kept while its tokens live").isNotNull();
        assertThat(obo(before, ARM_SCOPE).status()).isEqualTo(200);
        assertThat(obo(after, ARM_SCOPE).status()).isEqualTo(200);
    }

    @Test
    void rotateWhenOldTokensHaveExpiredThenTheOldKeyIsNoLongerPublished() throws Exception {
        String oldKid = SignedJWT.parse(userToken("bob@onbehalf.test", API_SCOPE)).getHeader().getKeyID();
        rotate();

        clock.advance(Duration.ofHours(2));

        assertThat(keys().getKeyByKeyId(oldKid)).isNull();
    }

    private String rotate() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/admin/keys/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()).get("kid").toString();
    }

    private JWKSet keys() throws Exception {
        return JWKSet.load(URI.create(base() + "/" + TENANT + "/discovery/v2.0/keys").toURL());
    }
}
