package dev.obo.sandbox.management;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.obo.sandbox.resource.ResourceHeadersFilter;

/**
 * ARM's response headers on every {@code /subscriptions} answer, errors included:
 * {@code x-ms-request-id}, {@code x-ms-correlation-request-id} (the caller's, when it
 * sends a GUID), {@code x-ms-ratelimit-remaining-subscription-reads}; counted as
 * {@code sandbox.arm.requests} and {@code sandbox.arm.responses}.
 */
@Component
// Early, so that every answer carries ARM's headers, even one given by a filter (an unreadable form body).
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class ArmHeadersFilter extends ResourceHeadersFilter {

    private static final long READS_PER_HOUR = 12_000;

    private final AtomicLong reads = new AtomicLong();

    ArmHeadersFilter(MeterRegistry meters) {
        super("sandbox.arm", meters);
    }

    /** Whether the request is for the ARM stand-in rather than the identity provider. */
    static boolean isArm(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/subscriptions");
    }

    @Override
    protected boolean serves(HttpServletRequest request) {
        return isArm(request);
    }

    @Override
    protected String identify(HttpServletRequest request, HttpServletResponse response) {
        String correlationId = callersGuid(request, "x-ms-correlation-request-id", UUID.randomUUID().toString());
        response.setHeader("x-ms-request-id", UUID.randomUUID().toString());
        response.setHeader("x-ms-correlation-request-id", correlationId);
        response.setHeader("x-ms-ratelimit-remaining-subscription-reads",
                Long.toString(READS_PER_HOUR - 1 - reads.getAndIncrement() % READS_PER_HOUR));
        return correlationId;
    }
}
