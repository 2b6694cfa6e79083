package dev.obo.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line per phase on the console with the time so far and an estimate of the time left: the
 * phases still to come, at their planned length (re-estimated once a phase's real rate is known).
 */
final class Progress {

    private final long started = System.nanoTime();
    private final Map<String, Double> planned = new LinkedHashMap<>();
    private String current;
    private long currentStarted;

    /** Plans {@code phase} to take {@code seconds}; phases are run in the order they are planned. */
    Progress plan(String phase, double seconds) {
        planned.put(phase, seconds);
        return this;
    }

    void phase(String phase, String message) {
        if (current != null) {
            planned.remove(current);
        }
        current = phase;
        currentStarted = System.nanoTime();
        say(phase + ": " + message);
    }

    void say(String message) {
        System.out.printf(Locale.ROOT, "bench [%3d s, ~%s left]: %s%n", seconds(started), left(), message);
    }

    private String left() {
        double left = 0;
        for (Map.Entry<String, Double> phase : planned.entrySet()) {
            left += phase.getKey().equals(current) ? Math.max(0, phase.getValue() - seconds(currentStarted)) : phase.getValue();
        }
        long s = Math.round(left);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static long seconds(long from) {
        return (System.nanoTime() - from) / 1_000_000_000L;
    }
}
