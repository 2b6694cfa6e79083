package dev.obo.sandbox.graph;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Faults injected into the Graph stand-in, off unless asked for at run time through the admin
 * endpoint: the next N calls answered with 401 (the token refused, as for a revoked session),
 * 429, 500 or 503 ({@code Retry-After} on 429 and 503).
 */
@Component
class GraphFaults {

    static final Set<Integer> STATUSES = Set.of(401, 429, 500, 503);

    private final AtomicReference<Plan> plan = new AtomicReference<>(Plan.none());

    void set(Plan next) {
        plan.set(next);
    }

    Plan current() {
        return plan.get();
    }

    /** Takes one failure off the plan if any is left; answers the status to fail with, or 0. */
    int nextFailure() {
        Plan taken = plan.getAndUpdate(p -> p.count() > 0 ? new Plan(p.status(), p.count() - 1, p.retryAfter()) : p);
        return taken.count() > 0 ? taken.status() : 0;
    }

    /** What to inject: {@code count} answers of {@code status}. */
    record Plan(int status, int count, Duration retryAfter) {

        static Plan none() {
            return new Plan(0, 0, Duration.ofSeconds(1));
        }
    }
}
