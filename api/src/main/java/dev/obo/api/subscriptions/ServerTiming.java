package dev.obo.api.subscriptions;

import java.util.Locale;
import java.util.function.Supplier;

import dev.obo.api.obo.OnBehalfOfTokens;

/** Times the two hops of a request for the W3C {@code Server-Timing} header: {@code obo} (with {@code desc="hit"|"miss"}) and {@code arm}. */
final class ServerTiming {

    static final String HEADER = "Server-Timing";

    private double oboMillis;
    private double armMillis;
    private boolean cacheHit;

    OnBehalfOfTokens.Acquired obo(Supplier<OnBehalfOfTokens.Acquired> step) {
        long start = System.nanoTime();
        OnBehalfOfTokens.Acquired acquired = step.get();
        oboMillis = (System.nanoTime() - start) / 1e6;
        cacheHit = acquired.cacheHit();
        return acquired;
    }

    <T> T arm(Supplier<T> step) {
        long start = System.nanoTime();
        try {
            return step.get();
        } finally {
            armMillis = (System.nanoTime() - start) / 1e6;
        }
    }

    String header() {
        return String.format(Locale.ROOT, "obo;dur=%.2f;desc=\"%s\", arm;dur=%.2f", oboMillis, cacheHit ? "hit" : "miss", armMillis);
    }

    String logLine() {
        return String.format(Locale.ROOT, "obo=%s obo_ms=%.2f arm_ms=%.2f", cacheHit ? "hit" : "miss", oboMillis, armMillis);
    }
}
