package dev.obo.sandbox.graph;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.obo.sandbox.resource.ResourceHeadersFilter;

/**
 * Graph's response headers on every {@code /v1.0} answer, errors included: {@code request-id},
 * {@code client-request-id} (the caller's, when it sends a GUID; else the request id, as Graph
 * does) and {@code x-ms-ags-diagnostic}; counted as {@code sandbox.graph.requests} and
 * {@code sandbox.graph.responses}.
 */
@Component
// Early, so that every answer carries Graph's headers, even one given by a filter (an unreadable form body).
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class GraphHeadersFilter extends ResourceHeadersFilter {

    static final String REQUEST_ID = GraphHeadersFilter.class.getName() + ".requestId";
    static final String CLIENT_REQUEST_ID = GraphHeadersFilter.class.getName() + ".clientRequestId";
    private static final String DIAGNOSTIC =
            "{\"ServerInfo\":{\"DataCenter\":\"Sandbox\",\"Slice\":\"E\",\"Ring\":\"5\",\"ScaleUnit\":\"000\",\"RoleInstance\":\"sandbox\"}}";

    GraphHeadersFilter(MeterRegistry meters) {
        super("sandbox.graph", meters);
    }

    /** Whether the request is for the Graph stand-in. */
    static boolean isGraph(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/v1.0") || path.startsWith("/v1.0/");
    }

    @Override
    protected boolean serves(HttpServletRequest request) {
        return isGraph(request);
    }

    @Override
    protected String identify(HttpServletRequest request, HttpServletResponse response) {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = callersGuid(request, "client-request-id", requestId);
        request.setAttribute(REQUEST_ID, requestId);
        request.setAttribute(CLIENT_REQUEST_ID, clientRequestId);
        response.setHeader("request-id", requestId);
        response.setHeader("client-request-id", clientRequestId);
        response.setHeader("x-ms-ags-diagnostic", DIAGNOSTIC);
        return clientRequestId;
    }
}
