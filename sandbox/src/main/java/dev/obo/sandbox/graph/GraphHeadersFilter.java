package dev.obo.sandbox.graph;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Graph's response headers on every {@code /v1.0} answer, errors included: {@code request-id},
 * {@code client-request-id} (the caller's, when it sends a GUID; else the request id, as Graph
 * does) and {@code x-ms-ags-diagnostic}; and counts of calls ({@code sandbox.graph.requests}) and
 * answers by status, so tests can tell how often Graph was reached.
 */
@Component
// Early, so that every answer carries Graph's headers, even one given by a filter (an unreadable form body).
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class GraphHeadersFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = GraphHeadersFilter.class.getName() + ".requestId";
    static final String CLIENT_REQUEST_ID = GraphHeadersFilter.class.getName() + ".clientRequestId";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String DIAGNOSTIC =
            "{\"ServerInfo\":{\"DataCenter\":\"Sandbox\",\"Slice\":\"E\",\"Ring\":\"5\",\"ScaleUnit\":\"000\",\"RoleInstance\":\"sandbox\"}}";

    private final MeterRegistry meters;

    GraphHeadersFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Whether the request is for the Graph stand-in. */
    static boolean isGraph(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/v1.0") || path.startsWith("/v1.0/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isGraph(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        String given = request.getHeader("client-request-id");
        String clientRequestId = given != null && GUID.matcher(given).matches() ? given : requestId;
        request.setAttribute(REQUEST_ID, requestId);
        request.setAttribute(CLIENT_REQUEST_ID, clientRequestId);
        MDC.put("correlationId", clientRequestId);
        response.setHeader("request-id", requestId);
        response.setHeader("client-request-id", clientRequestId);
        response.setHeader("x-ms-ags-diagnostic", DIAGNOSTIC);
        // Counted on arrival, so a call still in flight (a slow one, say) is already counted.
        meters.counter("sandbox.graph.requests").increment();
        try {
            chain.doFilter(request, response);
        } finally {
            meters.counter("sandbox.graph.responses", "status", Integer.toString(response.getStatus())).increment();
            MDC.remove("correlationId");
        }
    }
}
