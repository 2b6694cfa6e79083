package dev.obo.api.security;

import java.net.URI;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;

import dev.obo.api.ApiProperties;

/**
 * How an inbound bearer token is checked: RS256 only, signed by a key of the authority's
 * JWKS, issued by {@code ISSUER} (per tenant when it names {@code {tenantid}}), for this
 * API ({@code aud}), within {@code exp}/{@code nbf} and the skew, and for a user, not an app.
 * The required scope is checked by the filter chain's authorization rules. A verified token
 * is remembered for {@code VERIFIED_TOKEN_TTL} ({@link VerifiedTokens}).
 */
@Configuration(proxyBeanMethods = false)
class InboundTokenConfig {

    /** Most verified tokens remembered: about 2 KB each. */
    static final long VERIFIED_TOKENS_MAXIMUM = 10_000;

    @Bean
    JwtDecoder jwtDecoder(ApiProperties properties, MeterRegistry meters) {
        RestClient http = RestClient.builder().requestFactory(requestFactory(properties)).build();
        URI discovery = URI.create(properties.issuer().replace("{tenantid}", "common").replaceAll("/+$", "")
                + "/.well-known/openid-configuration");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new DiscoveredJwkSource(discovery, http))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = validator(properties);
        decoder.setJwtValidator(validator);
        if (properties.verifiedTokenTtl().isZero() || properties.verifiedTokenTtl().isNegative()) {
            return decoder;
        }
        return new VerifiedTokens(decoder, validator, properties.verifiedTokenTtl(), VERIFIED_TOKENS_MAXIMUM, meters);
    }

    static OAuth2TokenValidator<Jwt> validator(ApiProperties properties) {
        List<String> audiences = properties.audiences();
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new TenantIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
                new UserTokenValidator());
    }

    private static JdkClientHttpRequestFactory requestFactory(ApiProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory();
        factory.setReadTimeout(properties.obo().timeout());
        return factory;
    }
}
