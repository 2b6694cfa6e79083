package dev.obo.api.subscriptions;

import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.api.arm.ArmClient;
import dev.obo.api.arm.ArmException;
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
        Map<String, Object> body = withArmToken(caller, timing, arm::subscriptions);
        log.info("event=subscriptions_listed user={} count={} {}", caller.getToken().getClaimAsString("oid"),
                ((java.util.List<?>) body.get("value")).size(), timing.logLine());
        return ResponseEntity.ok().header(ServerTiming.HEADER, timing.header()).body(body);
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    ResponseEntity<Map<String, Object>> subscription(JwtAuthenticationToken caller, @PathVariable String subscriptionId) {
        ServerTiming timing = new ServerTiming();
        Map<String, Object> body = withArmToken(caller, timing, armToken -> arm.subscription(armToken, subscriptionId));
        return ResponseEntity.ok().header(ServerTiming.HEADER, timing.header()).body(body);
    }

    /**
     * Calls ARM with the caller's ARM token. When ARM refuses a cached token (401: revoked, or
     * signed by a key the identity provider has since dropped), the token is evicted, a new one
     * is got On-Behalf-Of once (one request for all concurrent callers) and ARM is called again
     * once. If the identity provider then refuses the caller's own token, the caller hears 401
     * {@code invalid_token} and gets a new one.
     */
    private <T> T withArmToken(JwtAuthenticationToken caller, ServerTiming timing, Function<String, T> call) {
        for (int attempt = 1; ; attempt++) {
            OnBehalfOfTokens.Acquired token = timing.obo(() -> tokens.acquire(caller));
            try {
                return timing.arm(() -> call.apply(token.token().getTokenValue()));
            } catch (ArmException e) {
                if (e.status() != 401) {
                    throw e;
                }
                tokens.evict(caller, token.token());
                if (!token.cacheHit() || attempt > 1) {
                    throw e;
                }
                log.info("event=arm_token_refused action=retry_with_new_token");
            }
        }
    }
}
