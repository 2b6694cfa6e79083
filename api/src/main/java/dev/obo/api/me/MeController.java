package dev.obo.api.me;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.api.ServerTiming;

/**
 * {@code GET /me}: the caller's Microsoft Graph profile, got On-Behalf-Of the caller: the
 * sample's second downstream API. {@code Server-Timing} says how long the token and Graph took.
 */
@RestController
class MeController {

    private static final Logger log = LoggerFactory.getLogger(MeController.class);

    private final GraphClient graph;

    MeController(GraphClient graph) {
        this.graph = graph;
    }

    @GetMapping("/me")
    Map<String, Object> me(JwtAuthenticationToken caller, HttpServletResponse response) {
        Map<String, Object> profile = graph.me();
        ServerTiming timing = ServerTiming.of("graph");
        log.info("event=profile_read user={} {}", caller.getToken().getClaimAsString("oid"), timing.logLine());
        // A body, not a ResponseEntity, which Spring MVC would flush: one write with a Content-Length.
        response.setHeader(ServerTiming.HEADER, timing.header());
        return profile;
    }
}
