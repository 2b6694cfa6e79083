package dev.obo.sandbox.identity;

import java.time.Duration;
import java.util.List;

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
 * @param caeTokenLifetime lifetime of CAE access tokens: those for a {@code caeResources} resource,
 *                         asked by a client that declared the capability {@code cp1} (Entra: "up to 28 hours")
 * @param caeResources app ids of the resources that take CAE tokens and revoke them on critical events
 */
@ConfigurationProperties("sandbox.identity")
@Validated
public record IdentityProperties(String baseUrl, String v1IssuerBase, @NotNull Duration accessTokenLifetime,
                                 @NotNull Duration refreshTokenLifetime, @NotNull Duration codeLifetime,
                                 @NotNull Duration clockSkew, boolean passwordGrantEnabled,
                                 @NotNull Duration caeTokenLifetime, List<String> caeResources) {

    public IdentityProperties {
        caeResources = caeResources == null ? List.of() : List.copyOf(caeResources);
    }
}
