package dev.obo.sandbox.management;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Faults injected into the ARM stand-in, off unless asked for (by property at start-up or
 * at run time through the admin endpoint): added latency, and the next N calls answered
 * with 401 (the token refused, as for a revoked session), 429, 500 or 503 ({@code Retry-After}
 * on 429 and 503).
 */
@Component
class ArmFaults {

    static final Set<Integer> STATUSES = Set.of(401, 429, 500, 503);

    private final AtomicReference<Plan> plan;

    ArmFaults(ManagementProperties properties) {
        this.plan = new AtomicReference<>(new Plan(properties.latency(), properties.failStatus(), properties.failCount(),
                properties.retryAfter()));
    }

    void set(Plan next) {
        plan.set(next);
    }

    Plan current() {
        return plan.get();
    }

    /** Takes one failure off the plan if any is left; answers the status to fail with, or 0. */
    int nextFailure() {
        Plan taken = plan.getAndUpdate(p -> p.failCount() > 0 ? p.withFailCount(p.failCount() - 1) : p);
        return taken.failCount() > 0 ? taken.failStatus() : 0;
    }

    /** What to inject: latency, and {@code failCount} answers of {@code failStatus}. */
    record Plan(Duration latency, int failStatus, int failCount, Duration retryAfter) {

        static Plan none() {
            return new Plan(Duration.ZERO, 0, 0, Duration.ofSeconds(1));
        }

        Plan withFailCount(int count) {
            return new Plan(latency, failStatus, count, retryAfter);
        }
    }
}
