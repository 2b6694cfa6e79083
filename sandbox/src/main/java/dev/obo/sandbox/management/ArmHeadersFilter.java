package dev.obo.sandbox.management;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
 * ARM's response headers on every {@code /subscriptions} answer, errors included:
 * {@code x-ms-request-id}, {@code x-ms-correlation-request-id} (the caller's, when it
 * sends a GUID), {@code x-ms-ratelimit-remaining-subscription-reads}; and counts of calls
 * ({@code sandbox.arm.requests}) and answers by status, so tests can tell how often ARM was reached.
 */
@Component
// Early, so that every answer carries ARM's headers, even one given by a filter (an unreadable form body).
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class ArmHeadersFilter extends OncePerRequestFilter {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long READS_PER_HOUR = 12_000;

    private final AtomicLong reads = new AtomicLong();
    private final MeterRegistry meters;

    ArmHeadersFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Whether the request is for the ARM stand-in rather than the identity provider. */
    static boolean isArm(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/subscriptions");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isArm(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("x-ms-correlation-request-id");
        String correlationId = given != null && GUID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put("correlationId", correlationId);
        response.setHeader("x-ms-request-id", UUID.randomUUID().toString());
        response.setHeader("x-ms-correlation-request-id", correlationId);
        response.setHeader("x-ms-ratelimit-remaining-subscription-reads",
                Long.toString(READS_PER_HOUR - 1 - reads.getAndIncrement() % READS_PER_HOUR));
        // Counted on arrival, so a call still in flight (a slow one, say) is already counted.
        meters.counter("sandbox.arm.requests").increment();
        try {
            chain.doFilter(request, response);
        } finally {
            meters.counter("sandbox.arm.responses", "status", Integer.toString(response.getStatus())).increment();
            MDC.remove("correlationId");
        }
    }
}
