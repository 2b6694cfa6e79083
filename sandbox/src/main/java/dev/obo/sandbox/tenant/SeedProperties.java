package dev.obo.sandbox.tenant;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the seed comes from: one or more resource locations, merged in order
 * ({@code SANDBOX_SEED} overrides the list).
 */
@ConfigurationProperties("sandbox")
@Validated
public record SeedProperties(@NotEmpty List<String> seed) {}
