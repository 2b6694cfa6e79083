package dev.obo.sandbox.identity;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sandbox identity provider.
 *
 * @param baseUrl public base URL ({@code scheme://host:port}); blank means "from each request"
 * @param v1IssuerBase base of the v1.0 issuer, which is {@code {v1IssuerBase}/{tid}/} (Entra's:
 *                     {@code https://sts.windows.net}); blank means Entra's on Entra's own host
 *                     ({@code login.microsoftonline.com}), else the base URL
 * @param accessTokenLifetime lifetime of access and ID tokens
 * @param refreshTokenLifetime lifetime of refresh tokens
 * @param codeLifetime lifetime of authorization codes (Entra: about 10 minutes)
 * @param clockSkew leeway when checking {@code exp}/{@code nbf} of an assertion
 * @param passwordGrantEnabled whether the resource-owner password grant (ROPC) is accepted
 */
@ConfigurationProperties("sandbox.identity")
@Validated
public record IdentityProperties(String baseUrl, String v1IssuerBase, @NotNull Duration accessTokenLifetime,
                                 @NotNull Duration refreshTokenLifetime, @NotNull Duration codeLifetime,
                                 @NotNull Duration clockSkew, boolean passwordGrantEnabled) {
}
