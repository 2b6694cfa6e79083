package dev.obo.sandbox.managedidentity;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sandbox's managed identity endpoint.
 *
 * @param headerSecret the secret App Service puts in {@code IDENTITY_HEADER}, which a caller of the
 *                     App Service shape sends back as {@code X-IDENTITY-HEADER}
 */
@ConfigurationProperties("sandbox.managed-identity")
@Validated
public record ManagedIdentityProperties(@NotBlank String headerSecret) {}
