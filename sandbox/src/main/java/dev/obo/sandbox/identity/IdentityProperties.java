package dev.obo.sandbox.identity;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sandbox identity provider.
 *
 * @param baseUrl public base URL ({@code scheme://host:port}); blank means "from each request"
 * @param accessTokenLifetime lifetime of access and ID tokens
 * @param refreshTokenLifetime lifetime of refresh tokens
 * @param codeLifetime lifetime of authorization codes (Entra: about 10 minutes)
 * @param clockSkew leeway when checking {@code exp}/{@code nbf} of an assertion
 * @param passwordGrantEnabled whether the resource-owner password grant (ROPC) is accepted
 */
@ConfigurationProperties("sandbox.identity")
@Validated
public record IdentityProperties(String baseUrl, @NotNull Duration accessTokenLifetime,
                                 @NotNull Duration refreshTokenLifetime, @NotNull Duration codeLifetime,
                                 @NotNull Duration clockSkew, boolean passwordGrantEnabled) {
}
