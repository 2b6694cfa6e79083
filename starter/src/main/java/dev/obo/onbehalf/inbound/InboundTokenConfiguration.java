package dev.obo.onbehalf.inbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;

import dev.obo.onbehalf.IdentityProviderClients;
import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * How an inbound bearer token is checked: RS256 only, signed by a key of the authority's
 * JWKS ({@link DiscoveredJwkSource}), issued by {@code onbehalf.issuer} (per tenant when it names
 * {@code {tenantid}}) with a {@code tid} and {@code ver} that agree with it, for this API
 * ({@code aud}), with an {@code exp}, within {@code exp}/{@code nbf} and the skew, not issued in
 * the future, and for a user, not an app.
 * The required scope is checked by the filter chain's authorization rules. A verified token
 * is remembered for {@code onbehalf.verified-token-ttl} ({@link VerifiedTokens}). All of it backs off
 * when the application defines its own {@link JwtDecoder}.
 */
@Configuration(proxyBeanMethods = false)
public class InboundTokenConfiguration {

    /** Most verified tokens remembered: about 2 KB each. */
    static final long VERIFIED_TOKENS_MAXIMUM = 10_000;

    /** The identity provider's signing keys, from the issuer's discovery document. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    DiscoveredJwkSource signingKeys(OnBehalfOfProperties properties, Clock clock) {
        RestClient http = RestClient.builder().requestFactory(IdentityProviderClients.requestFactory(properties.timeout())).build();
        URI discovery = URI.create(properties.issuer().replace("{tenantid}", "common").replaceAll("/+$", "")
                + "/.well-known/openid-configuration");
        return new DiscoveredJwkSource(discovery, http, clock, properties.jwksRefreshInterval(),
                Duration.ofMillis(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL));
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(OnBehalfOfProperties properties, DiscoveredJwkSource signingKeys, Clock clock,
                          ObjectProvider<MeterRegistry> meters) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = validator(properties, clock);
        decoder.setJwtValidator(validator);
        if (properties.verifiedTokenTtl().isZero() || properties.verifiedTokenTtl().isNegative()) {
            return decoder;
        }
        VerifiedTokens verified = new VerifiedTokens(decoder, validator, properties.verifiedTokenTtl(), VERIFIED_TOKENS_MAXIMUM,
                clock, meters.getIfAvailable(() -> Metrics.globalRegistry));
        signingKeys.onWithdrawn(verified::forgetSignedBy);
        return verified;
    }

    /**
     * The claims an inbound token must have right, checked on every use: {@code exp} present and
     * {@code exp}/{@code nbf} within the skew, {@code iat} not in the future beyond the skew,
     * {@code iss}, {@code tid} and {@code ver} in agreement ({@link TenantIssuerValidator}),
     * {@code aud} this API's, and a user behind it.
     */
    static OAuth2TokenValidator<Jwt> validator(OnBehalfOfProperties properties, Clock clock) {
        List<String> audiences = properties.audiences();
        JwtTimestampValidator lifetime = new JwtTimestampValidator(properties.clockSkew());
        lifetime.setAllowEmptyExpiryClaim(false);
        lifetime.setClock(clock);
        // Not JwtIssuedAtValidator: it also refuses an iat older than the skew, which every token soon has.
        Duration skew = properties.clockSkew();
        JwtClaimValidator<Instant> notIssuedInTheFuture = new JwtClaimValidator<>(JwtClaimNames.IAT,
                iat -> iat == null || !iat.isAfter(clock.instant().plus(skew)));
        return new DelegatingOAuth2TokenValidator<>(
                lifetime,
                notIssuedInTheFuture,
                new TenantIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
                new UserTokenValidator());
    }
}
