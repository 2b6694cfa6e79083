package dev.obo.sandbox.resource;

import java.time.Duration;
import java.util.Optional;

/** The body of a fault request to a stand-in's admin endpoint; absent fields mean "none". */
public record FaultRequest(Long latencyMs, Integer status, Integer count, Long retryAfterSeconds) {

    /** The plan asked for, or empty when it names no fault status or a negative count. */
    Optional<FaultPlan> plan() {
        int failures = count == null ? 0 : count;
        int answer = status == null ? 0 : status;
        if (failures < 0 || (failures > 0 && !FaultPlan.STATUSES.contains(answer))) {
            return Optional.empty();
        }
        return Optional.of(new FaultPlan(Duration.ofMillis(latencyMs == null ? 0 : latencyMs), answer, failures,
                Duration.ofSeconds(retryAfterSeconds == null ? 1 : retryAfterSeconds)));
    }
}
