package dev.obo.sandbox;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id and a correlation id, as Entra does: the correlation id
 * is the client's {@code client-request-id} (MSAL sends one) when it is a GUID, else a
 * new one. Both go to the log context and back to the client in headers.
 */
@Component
// Early, so that every answer carries the ids, even one given by a filter (an unreadable form body).
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class CorrelationFilter extends OncePerRequestFilter {

    public static final String MDC_KEY = "correlationId";
    private static final String TRACE_KEY = "traceId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("client-request-id");
        if (given == null) {
            given = request.getHeader("x-ms-correlation-request-id");
        }
        String correlationId = Guids.isGuid(given) ? given : UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString();
        MDC.put(MDC_KEY, correlationId);
        MDC.put(TRACE_KEY, traceId);
        response.setHeader("client-request-id", correlationId);
        response.setHeader("x-ms-request-id", traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(TRACE_KEY);
        }
    }

    public static String traceId() {
        String id = MDC.get(TRACE_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }
}
