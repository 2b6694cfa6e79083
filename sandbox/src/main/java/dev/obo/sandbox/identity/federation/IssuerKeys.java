package dev.obo.sandbox.identity.federation;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * The signature checkers of external issuers, found as Entra finds them: the issuer's OpenID
 * Connect discovery document ({@code {issuer}/.well-known/openid-configuration}, OpenID Connect
 * Discovery 1.0 section 4) names its {@code jwks_uri}, fetched over HTTP with short timeouts. One
 * checker per issuer, kept an hour; Nimbus' key source caches the key set and refetches it for an
 * unknown {@code kid}. An issuer that cannot be reached is AADSTS90061 and is asked again next time.
 */
@Component
class IssuerKeys {

    static final int TIMEOUT_MS = 2_000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final Cache<String, ConfigurableJWTProcessor<SecurityContext>> processors = Caffeine.newBuilder()
            .maximumSize(100).expireAfterWrite(Duration.ofHours(1)).build();

    /** The checker of {@code issuer}'s signatures; claims are for the caller to check. */
    ConfigurableJWTProcessor<SecurityContext> processor(String issuer) {
        return processors.get(issuer, IssuerKeys::discover);
    }

    private static ConfigurableJWTProcessor<SecurityContext> discover(String issuer) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MS, TIMEOUT_MS);
        } catch (GeneralException | IOException | RuntimeException e) {
            throw new EntraException(EntraError.EXTERNAL_OIDC_FAILED,
                    "The discovery document of issuer '" + issuer + "' could not be read: " + e.getMessage());
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(metadata.getJWKSetURI().toString()).toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT_BYTES)).build();
        } catch (MalformedURLException | IllegalArgumentException | NullPointerException e) {
            throw new EntraException(EntraError.EXTERNAL_OIDC_FAILED, "Issuer '" + issuer + "' names no usable jwks_uri.");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Time, issuer, subject and audience are checked against the app's federated credentials, in Entra's codes.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        // Kubernetes' tokens carry no typ; Entra's carry JWT. Either is a client assertion here.
        processor.setJWSTypeVerifier((type, context) -> { });
        return processor;
    }
}
