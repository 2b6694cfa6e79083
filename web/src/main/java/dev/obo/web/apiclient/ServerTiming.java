package dev.obo.web.apiclient;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's {@code Server-Timing} header (W3C Server Timing), read: the On-Behalf-Of step (and
 * whether it was a cache hit) and the call to the downstream API ({@code arm} for the
 * subscriptions, {@code graph} for the profile).
 */
public record ServerTiming(double oboMillis, boolean oboCacheHit, double downstreamMillis) {

    /** A metric with a duration, as the API writes them: {@code obo;dur=3.5;desc="hit"}, {@code arm;dur=12}. */
    private static final Pattern METRIC = Pattern.compile("(?:^|[ ,])([\\w-]+);dur=(\\d+(?:\\.\\d+)?)(?:;desc=\"(\\w+)\")?");

    static ServerTiming parse(String header, String downstream) {
        double obo = 0;
        boolean hit = false;
        double call = 0;
        Matcher metric = METRIC.matcher(header == null ? "" : header);
        while (metric.find()) {
            double millis = Double.parseDouble(metric.group(2));
            if ("obo".equals(metric.group(1))) {
                obo = millis;
                hit = "hit".equals(metric.group(3));
            } else if (downstream.equals(metric.group(1))) {
                call = millis;
            }
        }
        return new ServerTiming(obo, hit, call);
    }
}
