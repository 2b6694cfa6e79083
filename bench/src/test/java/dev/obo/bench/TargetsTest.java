package dev.obo.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bench/targets.json as the benchmark reads and judges it. No timings: the values are given. */
class TargetsTest {

    private final Targets targets = read();

    private static Targets read() {
        try {
            return Targets.read(Path.of("targets.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void judgeWhenValueMeetsTheBoundThenPassBesideTheValue() {
        Map<?, ?> judged = (Map<?, ?>) targets.judge(Map.of("api_hot_rps_over_direct", 0.45)).get("api_hot_rps_over_direct");
        assertEquals(">= 0.45", judged.get("target"));
        assertEquals(0.45, judged.get("value"));
        assertTrue((Boolean) judged.get("pass"));
    }

    @Test
    void judgeWhenValueMissesTheBoundThenFail() {
        Map<String, Double> values = new HashMap<>();
        values.put("api_hot_p50_overhead_ms_c1", 0.51);
        values.put("burst_obo_requests", 2.0);
        Map<String, Object> judged = targets.judge(values);
        assertFalse((Boolean) ((Map<?, ?>) judged.get("api_hot_p50_overhead_ms_c1")).get("pass"));
        assertFalse((Boolean) ((Map<?, ?>) judged.get("burst_obo_requests")).get("pass"));
    }

    @Test
    void judgeWhenTheRunGaveNoValueThenFail() {
        Map<?, ?> judged = (Map<?, ?>) targets.judge(Map.of()).get("scaleout_obo_requests_over_assertions");
        assertNull(judged.get("value"));
        assertFalse((Boolean) judged.get("pass"));
    }

    @Test
    void targetsWhenReadThenEveryTargetOfIssue16IsThere() {
        assertEquals(java.util.Set.of("api_hot_rps_over_direct", "api_hot_p50_overhead_ms_c1", "api_cpu_ms_per_request_over_arm",
                "burst_obo_requests", "errors", "users_most_rps_over_10", "users_most_p50_over_10", "obo_bytes_per_entry_over_token_chars",
                "scaleout_obo_requests_over_assertions"), targets.targets().keySet());
    }
}
