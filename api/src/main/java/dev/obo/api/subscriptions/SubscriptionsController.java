package dev.obo.api.subscriptions;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
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
 * and how long ARM took. The answers are bodies, not {@code ResponseEntity}s: Spring MVC flushes a
 * {@code ResponseEntity} once written, which made Tomcat send it chunked in two writes instead of
 * one with a {@code Content-Length}.
 */
@RestController
class SubscriptionsController {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsController.class);

    private final ArmClient arm;

    SubscriptionsController(ArmClient arm) {
        this.arm = arm;
    }

    @GetMapping(path = "/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] subscriptions(JwtAuthenticationToken caller, HttpServletResponse response) {
        ArmClient.Subscriptions subscriptions = arm.subscriptions();
        ServerTiming timing = ServerTiming.of("arm");
        log.info("event=subscriptions_listed user={} count={} {}", caller.getToken().getClaimAsString("oid"), subscriptions.count(),
                timing.logLine());
        response.setHeader(ServerTiming.HEADER, timing.header());
        return subscriptions.json();
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    Map<String, Object> subscription(@PathVariable String subscriptionId, HttpServletResponse response) {
        Map<String, Object> body = arm.subscription(subscriptionId);
        response.setHeader(ServerTiming.HEADER, ServerTiming.of("arm").header());
        return body;
    }
}
