package dev.obo.sandbox.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.TenantUrls;

/**
 * Kubernetes clusters' service-account token issuers, as a cluster with service account issuer
 * discovery publishes them: issuer {@code {base}/kubernetes/{cluster}}, one RSA key per cluster (made
 * on first use), and tokens with the claims of a projected service account token
 * ({@code iss}, {@code sub} {@code system:serviceaccount:<namespace>:<name>}, {@code aud}, {@code exp},
 * {@code iat}, {@code nbf} and {@code kubernetes.io}), signed RS256 with the key's {@code kid}.
 */
@Component
class ServiceAccountIssuers {

    static final String PATH = "/kubernetes/";

    private final TenantUrls urls;
    private final Clock clock;
    private final Map<String, RSAKey> keys = new ConcurrentHashMap<>();

    ServiceAccountIssuers(TenantUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    String issuer(String cluster) {
        return urls.base() + PATH + cluster;
    }

    JWKSet published(String cluster) {
        return new JWKSet(key(cluster).toPublicJWK());
    }

    /**
     * A token for {@code namespace}/{@code serviceAccount} with audience {@code audience}, valid for
     * {@code lifetime}; a lifetime of zero or less mints one that expired that long ago, after living an hour.
     */
    Minted mint(String cluster, String namespace, String serviceAccount, String audience, Duration lifetime) {
        Instant now = clock.instant();
        // Kubernetes writes expirationTimestamp in whole seconds (RFC 3339), as the token's exp is.
        Instant exp = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        Instant issued = lifetime.isNegative() || lifetime.isZero() ? exp.minus(Duration.ofHours(1)) : now;
        String uid = UUID.nameUUIDFromBytes((cluster + "/" + namespace + "/" + serviceAccount).getBytes(StandardCharsets.UTF_8)).toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer(cluster))
                .subject("system:serviceaccount:" + namespace + ":" + serviceAccount)
                .audience(List.of(audience))
                .expirationTime(Date.from(exp)).issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .claim("kubernetes.io", Map.of("namespace", namespace,
                        "serviceaccount", Map.of("name", serviceAccount, "uid", uid)))
                .build();
        RSAKey key = key(cluster);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service account token", e);
        }
        return new Minted(jwt.serialize(), exp);
    }

    private RSAKey key(String cluster) {
        return keys.computeIfAbsent(cluster, c -> generate());
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString().replace("-", "")).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a cluster's signing key", e);
        }
    }

    /** A minted token and when it expires. */
    record Minted(String token, Instant expirationTimestamp) {}
}
