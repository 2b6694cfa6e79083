package dev.obo.api.subscriptions;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.api.arm.ArmClient;
import dev.obo.api.obo.OnBehalfOfTokens;

/**
 * {@code GET /subscriptions} (the seed's endpoint) and {@code GET /subscriptions/{id}}:
 * ARM's JSON for the caller, got On-Behalf-Of the caller. {@code Server-Timing} says how
 * long the OBO step took (and whether the cache had the token) and how long ARM took.
 */
@RestController
class SubscriptionsController {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsController.class);

    private final OnBehalfOfTokens tokens;
    private final ArmClient arm;

    SubscriptionsController(OnBehalfOfTokens tokens, ArmClient arm) {
        this.tokens = tokens;
        this.arm = arm;
    }

    @GetMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscriptions(JwtAuthenticationToken caller) {
        ServerTiming timing = new ServerTiming();
        OnBehalfOfTokens.Acquired token = timing.obo(() -> tokens.acquire(caller));
        Map<String, Object> body = timing.arm(() -> arm.subscriptions(token.token().getTokenValue()));
        log.info("event=subscriptions_listed user={} count={} {}", caller.getToken().getClaimAsString("oid"),
                ((java.util.List<?>) body.get("value")).size(), timing.logLine());
        return ResponseEntity.ok().header(ServerTiming.HEADER, timing.header()).body(body);
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    ResponseEntity<Map<String, Object>> subscription(JwtAuthenticationToken caller, @PathVariable String subscriptionId) {
        ServerTiming timing = new ServerTiming();
        OnBehalfOfTokens.Acquired token = timing.obo(() -> tokens.acquire(caller));
        Map<String, Object> body = timing.arm(() -> arm.subscription(token.token().getTokenValue(), subscriptionId));
        return ResponseEntity.ok().header(ServerTiming.HEADER, timing.header()).body(body);
    }
}
