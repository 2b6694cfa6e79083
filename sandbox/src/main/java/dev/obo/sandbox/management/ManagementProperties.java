package dev.obo.sandbox.management;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ARM stand-in.
 *
 * @param pageSize subscriptions per page before {@code nextLink} paging starts
 * @param latency added to every {@code /subscriptions} call (fault injection; zero = off)
 * @param failStatus status of injected failures: 401, 429, 500 or 503 (with {@code failCount} > 0)
 * @param failCount how many of the next calls fail with {@code failStatus} (zero = off)
 * @param retryAfter the {@code Retry-After} sent with injected 429 and 503 answers
 */
@ConfigurationProperties("sandbox.management")
@Validated
public record ManagementProperties(@Min(1) int pageSize, Duration latency, int failStatus, @Min(0) int failCount,
                                   Duration retryAfter) {

    public ManagementProperties {
        latency = latency == null ? Duration.ZERO : latency;
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
    }
}
