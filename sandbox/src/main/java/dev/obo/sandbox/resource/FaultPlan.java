package dev.obo.sandbox.resource;

import java.time.Duration;
import java.util.Set;

/**
 * What to inject into a resource stand-in's answers: {@code latency} before each, and the next
 * {@code count} answered with {@code status} (401, 429, 500 or 503; {@code retryAfter} goes with
 * 429 and 503).
 */
public record FaultPlan(Duration latency, int status, int count, Duration retryAfter) {

    /** The statuses a fault can answer with. */
    public static final Set<Integer> STATUSES = Set.of(401, 429, 500, 503);

    public static FaultPlan none() {
        return new FaultPlan(Duration.ZERO, 0, 0, Duration.ofSeconds(1));
    }

    FaultPlan withCount(int left) {
        return new FaultPlan(latency, status, left, retryAfter);
    }
}
