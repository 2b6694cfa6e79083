package dev.obo.sandbox.management;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection for the ARM stand-in at run time (sandbox-only, like {@code /admin/keys/rotate}):
 * {@code POST /admin/management/faults} with {@code {"latencyMs":..,"status":429|500|503,"count":..,"retryAfterSeconds":..}},
 * {@code DELETE} to switch them off, {@code GET} to read the plan.
 */
@RestController
class ManagementAdminController {

    private static final Logger log = LoggerFactory.getLogger(ManagementAdminController.class);

    private final ArmFaults faults;

    ManagementAdminController(ArmFaults faults) {
        this.faults = faults;
    }

    @PostMapping("/admin/management/faults")
    ResponseEntity<?> set(@RequestBody FaultRequest request) {
        int count = request.count() == null ? 0 : request.count();
        int status = request.status() == null ? 0 : request.status();
        if (count < 0 || (count > 0 && !ArmFaults.STATUSES.contains(status))) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(java.util.Map.of("error", "status must be one of " + ArmFaults.STATUSES + " and count >= 0"));
        }
        ArmFaults.Plan plan = new ArmFaults.Plan(Duration.ofMillis(request.latencyMs() == null ? 0 : request.latencyMs()),
                status, count, Duration.ofSeconds(request.retryAfterSeconds() == null ? 1 : request.retryAfterSeconds()));
        faults.set(plan);
        log.info("event=arm_faults_set latency_ms={} status={} count={}", plan.latency().toMillis(), status, count);
        return ResponseEntity.ok(plan);
    }

    @DeleteMapping("/admin/management/faults")
    ArmFaults.Plan clear() {
        faults.set(ArmFaults.Plan.none());
        return faults.current();
    }

    @GetMapping("/admin/management/faults")
    ArmFaults.Plan current() {
        return faults.current();
    }

    /** The body of a fault request; absent fields mean "none". */
    record FaultRequest(Long latencyMs, Integer status, Integer count, Long retryAfterSeconds) {}
}
