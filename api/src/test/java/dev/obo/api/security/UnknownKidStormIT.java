package dev.obo.api.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A storm of tokens with made-up {@code kid}s, sent concurrently: each is an invalid token (401),
 * never "identity provider unavailable" (503), and the storm costs the identity provider at most
 * one refetch of its keys.
 */
class UnknownKidStormIT extends RunningApi {

    @Test
    void getSubscriptionsWhenManyTokensWithUnknownKidsThenAll401AndAtMostOneJwksRefetch() throws Exception {
        assertThat(get("/subscriptions", sandbox().userToken("bob@onbehalf.test")).statusCode()).isEqualTo(200);
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            forged.add(signedByStranger(sandbox()));
        }
        long jwksBefore = sandbox().jwksRequests();

        ExecutorService attackers = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            forged.forEach(token -> answers.add(attackers.submit(() -> get("/subscriptions", token))));
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
                assertThat(json(response)).containsEntry("type", "urn:onbehalf:problem:invalid-token");
            }
        } finally {
            attackers.shutdownNow();
        }
        assertThat(sandbox().jwksRequests() - jwksBefore).as("refetches of the key set").isLessThanOrEqualTo(1);
    }

    private static final RSAKey STRANGER = generated();

    /** Alice's claims, signed by a key the identity provider never had, under a new made-up kid. */
    static String signedByStranger(Sandbox sandbox) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(sandbox.userToken("alice@onbehalf.test")).getJWTClaimsSet();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(UUID.randomUUID().toString()).build(), claims);
            jwt.sign(new RSASSASigner(STRANGER));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generated() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
