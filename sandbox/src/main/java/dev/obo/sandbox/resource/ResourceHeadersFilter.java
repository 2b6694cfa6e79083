package dev.obo.sandbox.resource;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.obo.sandbox.CorrelationFilter;
import dev.obo.sandbox.Guids;

/**
 * What every answer of a resource stand-in carries, errors included: the resource's own request
 * and correlation headers, which a subclass sets, with the correlation id on the log lines; and
 * the counts {@code <meters>.requests} (on arrival, so a call still in flight is already counted)
 * and {@code <meters>.responses} by {@code status}, so tests can tell how often it was reached.
 */
public abstract class ResourceHeadersFilter extends OncePerRequestFilter {

    private final String meters;
    private final MeterRegistry registry;

    protected ResourceHeadersFilter(String meters, MeterRegistry registry) {
        this.meters = meters;
        this.registry = registry;
    }

    /** Whether the request is for this stand-in. */
    protected abstract boolean serves(HttpServletRequest request);

    /** Sets this stand-in's id headers on {@code response}; answers the correlation id for the log lines. */
    protected abstract String identify(HttpServletRequest request, HttpServletResponse response);

    /** The caller's id in {@code header} when it is a GUID, else {@code otherwise}. */
    protected static String callersGuid(HttpServletRequest request, String header, String otherwise) {
        String given = request.getHeader(header);
        return Guids.isGuid(given) ? given : otherwise;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !serves(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MDC.put(CorrelationFilter.MDC_KEY, identify(request, response));
        registry.counter(meters + ".requests").increment();
        try {
            chain.doFilter(request, response);
        } finally {
            registry.counter(meters + ".responses", "status", Integer.toString(response.getStatus())).increment();
            MDC.remove(CorrelationFilter.MDC_KEY);
        }
    }
}
