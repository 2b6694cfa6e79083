package dev.obo.onbehalf.downstream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * How long this request's downstream calls took, per downstream API: getting the token
 * On-Behalf-Of (and whether the cache had it) and the calls themselves, summed over retries and
 * pages. Kept in the request's own attributes, never in a shared object; for a
 * {@code Server-Timing} header or a log line.
 */
public final class DownstreamTimings {

    private static final String ATTRIBUTE = DownstreamTimings.class.getName();

    private final Map<String, Hop> hops = new LinkedHashMap<>();

    /** This request's timings; outside a request, a new one that nobody reads. */
    public static DownstreamTimings current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return new DownstreamTimings();
        }
        Object timings = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (timings instanceof DownstreamTimings existing) {
            return existing;
        }
        DownstreamTimings created = new DownstreamTimings();
        request.setAttribute(ATTRIBUTE, created, RequestAttributes.SCOPE_REQUEST);
        return created;
    }

    /** The hop to {@code downstream}, zero if it was not called. */
    public Hop hop(String downstream) {
        return hops.getOrDefault(downstream, Hop.NONE);
    }

    void token(String downstream, long nanos, boolean cacheHit) {
        Hop hop = hop(downstream);
        hops.put(downstream, new Hop(hop.tokenNanos() + nanos, cacheHit, hop.callNanos()));
    }

    void call(String downstream, long nanos) {
        Hop hop = hop(downstream);
        hops.put(downstream, new Hop(hop.tokenNanos(), hop.cacheHit(), hop.callNanos() + nanos));
    }

    /**
     * One downstream API's share of the request.
     *
     * @param tokenNanos getting its token On-Behalf-Of
     * @param cacheHit whether the last token came from the cache
     * @param callNanos its calls
     */
    public record Hop(long tokenNanos, boolean cacheHit, long callNanos) {
        static final Hop NONE = new Hop(0, false, 0);

        public double tokenMillis() {
            return tokenNanos / 1e6;
        }

        public double callMillis() {
            return callNanos / 1e6;
        }
    }
}
