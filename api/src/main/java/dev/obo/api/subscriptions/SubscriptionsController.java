package dev.obo.api.subscriptions;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.api.ServerTiming;
import dev.obo.api.arm.ArmClient;

/**
 * {@code GET /subscriptions} (the seed's endpoint) and {@code GET /subscriptions/{id}}:
 * ARM's JSON for the caller, got On-Behalf-Of the caller by the starter's interceptor.
 * {@code Server-Timing} says how long the OBO step took (and whether the cache had the token)
 * and how long ARM took.
 */
@RestController
class SubscriptionsController {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsController.class);

    private final ArmClient arm;

    SubscriptionsController(ArmClient arm) {
        this.arm = arm;
    }

    @GetMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscriptions(JwtAuthenticationToken caller) {
        Map<String, Object> body = arm.subscriptions();
        ServerTiming timing = ServerTiming.of("arm");
        log.info("event=subscriptions_listed user={} count={} {}", caller.getToken().getClaimAsString("oid"),
                ((List<?>) body.get("value")).size(), timing.logLine());
        return ResponseEntity.ok().header(ServerTiming.HEADER, timing.header()).body(body);
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    ResponseEntity<Map<String, Object>> subscription(@PathVariable String subscriptionId) {
        Map<String, Object> body = arm.subscription(subscriptionId);
        return ResponseEntity.ok().header(ServerTiming.HEADER, ServerTiming.of("arm").header()).body(body);
    }
}
