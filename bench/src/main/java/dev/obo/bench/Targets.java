package dev.obo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The speed goals, read from {@code bench/targets.json}: per target the metric it judges, a
 * comparison ({@code >=}, {@code <=} or {@code ==}), the bound and why. Each result file says
 * PASS or FAIL beside each value; a metric the run did not produce fails.
 */
record Targets(Map<String, Target> targets) {

    /** One goal: {@code value op bound}, e.g. {@code >= 0.45}. */
    record Target(String op, double bound, String about) {

        boolean holds(Double value) {
            if (value == null || value.isNaN()) {
                return false;
            }
            return switch (op) {
                case ">=" -> value >= bound;
                case "<=" -> value <= bound;
                case "==" -> value == bound;
                default -> throw new IllegalStateException("bench/targets.json: unknown comparison " + op);
            };
        }

        String text() {
            return op + " " + (bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound));
        }
    }

    static Targets read(Path file) throws IOException {
        Map<?, ?> json = new JsonMapper().readValue(Files.readString(file), Map.class);
        Map<String, Target> targets = new LinkedHashMap<>();
        ((Map<?, ?>) json.get("targets")).forEach((name, t) -> {
            Map<?, ?> target = (Map<?, ?>) t;
            targets.put(name.toString(), new Target(target.get("op").toString(), ((Number) target.get("value")).doubleValue(),
                    String.valueOf(target.get("about"))));
        });
        return new Targets(targets);
    }

    /** For each target: {@code target} (its text), {@code value} (null when the run gave none) and {@code pass}. */
    Map<String, Object> judge(Map<String, Double> values) {
        Map<String, Object> judged = new LinkedHashMap<>();
        targets.forEach((name, target) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("target", target.text());
            one.put("value", values.get(name));
            one.put("pass", target.holds(values.get(name)));
            judged.put(name, one);
        });
        return judged;
    }
}
