package dev.obo.web.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API's {@code Server-Timing} header, read: the On-Behalf-Of step (and whether it was a cache hit) and the ARM call. */
public record ServerTiming(double oboMillis, boolean oboCacheHit, double armMillis) {

    private static final Pattern OBO = Pattern.compile("obo;dur=([0-9.]+)(?:;desc=\"(\\w+)\")?");
    private static final Pattern ARM = Pattern.compile("arm;dur=([0-9.]+)");

    static ServerTiming parse(String header) {
        if (header == null) {
            return new ServerTiming(0, false, 0);
        }
        Matcher obo = OBO.matcher(header);
        Matcher arm = ARM.matcher(header);
        boolean hasObo = obo.find();
        return new ServerTiming(hasObo ? Double.parseDouble(obo.group(1)) : 0, hasObo && "hit".equals(obo.group(2)),
                arm.find() ? Double.parseDouble(arm.group(1)) : 0);
    }
}
