package dev.obo.web.apiclient;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's {@code Server-Timing} header, read: the On-Behalf-Of step (and whether it was a cache
 * hit) and the call to the downstream API ({@code arm} for the subscriptions, {@code graph} for the profile).
 */
public record ServerTiming(double oboMillis, boolean oboCacheHit, double downstreamMillis) {

    private static final Pattern OBO = Pattern.compile("obo;dur=([0-9.]+)(?:;desc=\"(\\w+)\")?");

    static ServerTiming parse(String header, String downstream) {
        if (header == null) {
            return new ServerTiming(0, false, 0);
        }
        Matcher obo = OBO.matcher(header);
        Matcher call = Pattern.compile("(?:^|[ ,])" + Pattern.quote(downstream) + ";dur=([0-9.]+)").matcher(header);
        boolean hasObo = obo.find();
        return new ServerTiming(hasObo ? Double.parseDouble(obo.group(1)) : 0, hasObo && "hit".equals(obo.group(2)),
                call.find() ? Double.parseDouble(call.group(1)) : 0);
    }
}
