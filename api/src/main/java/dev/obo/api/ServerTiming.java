package dev.obo.api;

import dev.obo.onbehalf.downstream.DownstreamTimings;

/**
 * The W3C {@code Server-Timing} header and the log fields of a request's two hops, from the
 * starter's {@link DownstreamTimings}: {@code obo} (getting the downstream token, with
 * {@code desc="hit"|"miss"}) and the downstream call itself ({@code arm}, {@code graph}), each
 * summed over retries and pages.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";

    private final String downstream;
    private final DownstreamTimings.Hop hop;

    private ServerTiming(String downstream, DownstreamTimings.Hop hop) {
        this.downstream = downstream;
        this.hop = hop;
    }

    /** This request's timings of its calls to {@code downstream}. */
    public static ServerTiming of(String downstream) {
        return new ServerTiming(downstream, DownstreamTimings.current().hop(downstream));
    }

    public String header() {
        return "obo;dur=" + millis(hop.tokenMillis()) + ";desc=\"" + (hop.cacheHit() ? "hit" : "miss") + "\", " + downstream
                + ";dur=" + millis(hop.callMillis());
    }

    public String logLine() {
        return "obo=" + (hop.cacheHit() ? "hit" : "miss") + " obo_ms=" + millis(hop.tokenMillis()) + " " + downstream + "_ms="
                + millis(hop.callMillis());
    }

    /**
     * Milliseconds with two decimals, as {@code %.2f} would write them. Not {@code String.format}:
     * it runs twice on every request and measured over 2% of the API's CPU per request.
     */
    static String millis(double millis) {
        long hundredths = Math.round(Math.max(0, millis) * 100);
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
