package dev.obo.sandbox.graph;

import java.time.Duration;
import java.util.Map;

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
 * Fault injection for the Graph stand-in at run time (sandbox-only, like {@code /admin/management/faults}):
 * {@code POST /admin/graph/faults} with {@code {"status":401|429|500|503,"count":..,"retryAfterSeconds":..}},
 * {@code DELETE} to switch them off, {@code GET} to read the plan.
 */
@RestController
class GraphAdminController {

    private static final Logger log = LoggerFactory.getLogger(GraphAdminController.class);

    private final GraphFaults faults;

    GraphAdminController(GraphFaults faults) {
        this.faults = faults;
    }

    @PostMapping("/admin/graph/faults")
    ResponseEntity<?> set(@RequestBody FaultRequest request) {
        int count = request.count() == null ? 0 : request.count();
        int status = request.status() == null ? 0 : request.status();
        if (count < 0 || (count > 0 && !GraphFaults.STATUSES.contains(status))) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(Map.of("error", "status must be one of " + GraphFaults.STATUSES + " and count >= 0"));
        }
        GraphFaults.Plan plan = new GraphFaults.Plan(status, count,
                Duration.ofSeconds(request.retryAfterSeconds() == null ? 1 : request.retryAfterSeconds()));
        faults.set(plan);
        log.info("event=graph_faults_set status={} count={}", status, count);
        return ResponseEntity.ok(plan);
    }

    @DeleteMapping("/admin/graph/faults")
    GraphFaults.Plan clear() {
        faults.set(GraphFaults.Plan.none());
        return faults.current();
    }

    @GetMapping("/admin/graph/faults")
    GraphFaults.Plan current() {
        return faults.current();
    }

    /** The body of a fault request; absent fields mean "none". */
    record FaultRequest(Integer status, Integer count, Long retryAfterSeconds) {}
}
