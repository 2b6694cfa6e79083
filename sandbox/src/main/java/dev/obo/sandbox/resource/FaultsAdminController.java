package dev.obo.sandbox.resource;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Fault injection for a resource stand-in at run time (sandbox-only, like {@code /admin/keys/rotate}),
 * at the path a subclass maps: {@code POST} with
 * {@code {"latencyMs":..,"status":401|429|500|503,"count":..,"retryAfterSeconds":..}}, {@code DELETE}
 * to switch them off, {@code GET} to read the plan.
 * NOTE: unauthenticated, like the rest of a local sandbox: never expose it beyond loopback.
 */
public abstract class FaultsAdminController {

    private static final Logger log = LoggerFactory.getLogger(FaultsAdminController.class);

    private final Faults faults;
    private final String resource;

    protected FaultsAdminController(Faults faults, String resource) {
        this.faults = faults;
        this.resource = resource;
    }

    @PostMapping
    public ResponseEntity<?> set(@RequestBody FaultRequest request) {
        return request.plan().<ResponseEntity<?>>map(plan -> {
            faults.set(plan);
            log.info("event=faults_set resource={} latency_ms={} status={} count={}", resource, plan.latency().toMillis(),
                    plan.status(), plan.count());
            return ResponseEntity.ok(plan);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Map.of("error", "status must be one of " + FaultPlan.STATUSES + " and count >= 0")));
    }

    @DeleteMapping
    public FaultPlan clear() {
        faults.set(FaultPlan.none());
        return faults.current();
    }

    @GetMapping
    public FaultPlan current() {
        return faults.current();
    }
}
