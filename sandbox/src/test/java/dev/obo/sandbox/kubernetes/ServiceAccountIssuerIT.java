package dev.obo.sandbox.kubernetes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.RunningSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's Kubernetes service account issuers: discovery and key set at the API server's paths,
 * and the admin mint's tokens, shaped as projected service account tokens.
 */
class ServiceAccountIssuerIT extends RunningSandbox {

    private String issuer(String cluster) {
        return base() + "/kubernetes/" + cluster;
    }

    @Test
    void discoveryWhenAnyClusterThenIssuerAndJwksUriUnderIt() {
        Result doc = raw(URI.create(issuer("aks-one") + "/.well-known/openid-configuration"), "GET", null, null, Map.of());

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).containsEntry("issuer", issuer("aks-one"))
                .containsEntry("jwks_uri", issuer("aks-one") + "/openid/v1/jwks")
                .containsEntry("response_types_supported", List.of("id_token"))
                .containsEntry("subject_types_supported", List.of("public"))
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mintWhenDefaultsThenProjectedTokenShapeSignedByTheClustersPublishedKey() throws Exception {
        Result minted = raw(URI.create(base() + "/admin/kubernetes/aks-two/service-account-tokens"), "POST",
                "{\"namespace\":\"obo\",\"serviceAccount\":\"api\"}", "application/json", Map.of());

        assertThat(minted.status()).isEqualTo(201);
        assertThat(minted.body()).containsOnlyKeys("token", "expirationTimestamp");
        SignedJWT token = SignedJWT.parse((String) minted.body().get("token"));
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer("aks-two"));
        assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:obo:api");
        assertThat(claims.getAudience()).containsExactly("api://AzureADTokenExchange");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse((String) minted.body().get("expirationTimestamp")));
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getJSONObjectClaim("kubernetes.io")).containsEntry("namespace", "obo");
        assertThat((Map<String, Object>) claims.getJSONObjectClaim("kubernetes.io").get("serviceaccount")).containsEntry("name", "api").containsKey("uid");
        Result keys = raw(URI.create(issuer("aks-two") + "/openid/v1/jwks"), "GET", null, null, Map.of());
        RSAKey key = (RSAKey) JWKSet.parse(keys.body()).getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void mintWhenAudienceAndNegativeLifetimeThenThatAudienceAndAlreadyExpired() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(serviceAccountToken("aks-three", "obo", "api", "api://custom", -60)).getJWTClaimsSet();

        assertThat(claims.getAudience()).containsExactly("api://custom");
        assertThat(claims.getExpirationTime()).isBefore(new java.util.Date());
    }

    @Test
    void mintWhenNamespaceMissingThenKubernetesBadRequestStatus() {
        Result refused = raw(URI.create(base() + "/admin/kubernetes/aks-two/service-account-tokens"), "POST",
                "{\"serviceAccount\":\"api\"}", "application/json", Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).containsEntry("kind", "Status").containsEntry("reason", "BadRequest").containsEntry("code", 400L);
    }

    @Test
    void keysWhenClusterNameIsNotADnsLabelThenNotFound() {
        assertThat(raw(URI.create(base() + "/kubernetes/Not_A_Label/openid/v1/jwks"), "GET", null, null, Map.of()).status())
                .isEqualTo(404);
    }
}
