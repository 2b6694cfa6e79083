package dev.obo.sandbox.resource;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults injected into one resource stand-in, off unless asked for: a {@link FaultPlan} that
 * tests change at run time through the stand-in's admin endpoint while requests read it, so it
 * is swapped and counted down atomically.
 */
public class Faults {

    private final AtomicReference<FaultPlan> plan;

    protected Faults(FaultPlan initial) {
        this.plan = new AtomicReference<>(initial);
    }

    public void set(FaultPlan next) {
        plan.set(next);
    }

    public FaultPlan current() {
        return plan.get();
    }

    /**
     * Waits the plan's latency, then takes one failure off the plan, if any is left, and throws it
     * in the stand-in's words.
     */
    public void inject(ResourceErrors errors) {
        FaultPlan taken = take();
        if (taken == null) {
            return;
        }
        ResourceException fault = switch (taken.status()) {
            case 401 -> errors.revoked();
            case 429 -> errors.throttled(taken.retryAfter());
            case 503 -> errors.unavailable(taken.retryAfter());
            case 500 -> errors.failed();
            // A status no fault has (a start-up setting out of range) injects nothing.
            default -> null;
        };
        if (fault != null) {
            throw fault;
        }
    }

    /**
     * Waits the plan's latency, then takes one failure off the plan: the plan as it was before
     * (its {@code status} and {@code retryAfter} say how to fail), or null when no failure is left.
     * For a stand-in that answers faults in words {@link ResourceErrors} has not.
     */
    public FaultPlan take() {
        FaultPlan now = plan.get();
        if (!now.latency().isZero()) {
            try {
                Thread.sleep(now.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FaultPlan taken = plan.getAndUpdate(p -> p.count() > 0 ? p.withCount(p.count() - 1) : p);
        return taken.count() == 0 ? null : taken;
    }
}
