package dev.obo.api;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The sample's own settings, bound from {@code obo.api.*}: how it calls Azure Resource Manager
 * and Microsoft Graph. Who the API is, whose tokens it takes and how it gets downstream tokens
 * are the starter's {@code onbehalf.*}; {@code api-server.yml} maps the seed's environment names
 * ({@code CLIENT_ID}, {@code CLIENT_SECRET}, {@code AUTHORITY}, {@code ISSUER}, {@code SCOPE},
 * {@code AZURE_MANAGEMENT_SUBSCRIPTIONS_URI}, ...) onto both, with defaults for the sandbox.
 *
 * @param arm the ARM call
 * @param graph the Graph call
 */
@ConfigurationProperties("obo.api")
@Validated
public record ApiProperties(@NotNull @Valid Arm arm, @NotNull @Valid Graph graph) {

    /**
     * @param subscriptionsUri ARM's {@code /subscriptions} URL, with {@code api-version}
     * @param connectTimeout TCP connect timeout
     * @param readTimeout read timeout of one call
     * @param maxAttempts attempts per call, for 429, 503 and connection errors
     * @param budget total time for a call and its retries, {@code Retry-After} waits included
     * @param maxPages most {@code nextLink} pages followed
     */
    public record Arm(@NotNull URI subscriptionsUri, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                      @Min(1) int maxAttempts, @NotNull Duration budget, @Min(1) int maxPages) {}

    /**
     * @param meUri Graph's {@code /v1.0/me} URL
     * @param timeout connect and read timeout of the call
     */
    public record Graph(@NotNull URI meUri, @NotNull Duration timeout) {}
}
