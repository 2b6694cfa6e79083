package dev.obo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run's results, gathered phase by phase, judged against the targets and written as
 * {@code latest.json} (every field of the earlier reports, and the ratios, users, cache and
 * targets sections) and {@code latest.md} (the tables, PASS or FAIL beside each target's value,
 * and a plot of p50 against users).
 */
final class Report {

    private final Bench.Settings settings;
    private final Map<String, LoadRun.Result> scenarios = new LinkedHashMap<>();
    private final Map<String, LoadRun.Result> users = new LinkedHashMap<>();
    private LoadRun.WarmUp warmUp;
    private int minted;
    private double mintSeconds;
    private LoadRun.Result primed;
    private long usersOboRequests;
    private Map<String, Object> cache = Map.of();
    private Map<String, Object> burst = Map.of();
    private Map<String, Object> api = Map.of();
    private Map<String, Object> scaleout = Map.of();

    Report(Bench.Settings settings) {
        this.settings = settings;
    }

    void minted(int count, double seconds) {
        minted = count;
        mintSeconds = seconds;
    }

    void warmUp(LoadRun.WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    void scenarios(Map<String, LoadRun.Result> results) {
        scenarios.putAll(results);
    }

    void primed(LoadRun.Result primed) {
        this.primed = primed;
    }

    void cache(Map<String, Object> cache) {
        this.cache = cache;
    }

    void users(Map<String, LoadRun.Result> results, long oboRequests) {
        users.putAll(results);
        usersOboRequests = oboRequests;
    }

    void burst(Map<String, Object> burst) {
        this.burst = burst;
    }

    void api(Map<String, Object> api) {
        this.api = api;
    }

    void scaleout(Map<String, Object> scaleout) {
        this.scaleout = scaleout;
    }

    void write(Path results, Targets targets) throws IOException {
        Map<String, Object> json = json(targets);
        Files.createDirectories(results);
        Files.writeString(results.resolve("latest.json"),
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json) + "\n");
        String md = markdown(json, targets);
        Files.writeString(results.resolve("latest.md"), md);
        System.out.println();
        System.out.print(md);
    }

    /** The values the targets judge, by the names bench/targets.json uses. */
    Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        LoadRun.Result direct = scenarios.get("direct");
        LoadRun.Result hot = scenarios.get("api_hot");
        values.put("api_hot_rps_over_direct", round(hot.rps() / direct.rps()));
        values.put("api_hot_p50_overhead_ms_c1", round(scenarios.get("api_hot_c1").p50Ms() - scenarios.get("direct_c1").p50Ms()));
        values.put("api_cpu_ms_per_request_over_arm", round(hot.cpuMsPerRequest().getOrDefault("api", Double.NaN)
                / direct.cpuMsPerRequest().getOrDefault("sandbox", Double.NaN)));
        values.put("burst_obo_requests", number(burst.get("obo_requests")));
        values.put("errors", (double) errors());
        LoadRun.Result fewest = users.get("10");
        LoadRun.Result most = users.get(Integer.toString(settings.users()));
        if (fewest != null && most != null) {
            values.put("users_most_rps_over_10", round(most.rps() / fewest.rps()));
            values.put("users_most_p50_over_10", round(most.p50Ms() / fewest.p50Ms()));
        }
        Object oboBytes = cache.get("obo_bytes_per_token_char");
        if (oboBytes != null) {
            values.put("obo_bytes_per_entry_over_token_chars", number(oboBytes));
        }
        Object oboRequests = scaleout.get("obo_requests");
        Object assertions = scaleout.get("distinct_assertions");
        if (oboRequests != null && assertions != null) {
            values.put("scaleout_obo_requests_over_assertions", round(number(oboRequests) / number(assertions)));
        }
        return values;
    }

    /** Errors in every scenario, the priming, the burst and the scale-out together. */
    private long errors() {
        long errors = scenarios.values().stream().mapToLong(LoadRun.Result::errors).sum()
                + users.values().stream().mapToLong(LoadRun.Result::errors).sum() + (primed == null ? 0 : primed.errors());
        return errors + (long) number(burst.getOrDefault("errors", 0)) + (long) number(scaleout.getOrDefault("errors", 0))
                + (long) number(scaleout.getOrDefault("throughput_errors", 0));
    }

    private Map<String, Object> json(Targets targets) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("load_average_1m", loadAverage());
        report.put("machine", machine);
        report.put("when", Instant.now().toString());
        report.put("run", settings.quick() ? "quick (BENCH_QUICK=1)" : "full");
        report.put("settings", settingsJson());
        Map<String, Object> json = new LinkedHashMap<>();
        scenarios.forEach((name, r) -> json.put(name, scenario(r)));
        report.put("scenarios", json);
        LoadRun.Result direct = scenarios.get("direct");
        LoadRun.Result hot = scenarios.get("api_hot");
        LoadRun.Result cold = scenarios.get("api_cold");
        Map<String, Double> values = values();
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("api_hot_rps_over_direct", values.get("api_hot_rps_over_direct"));
        ratios.put("api_hot_p50_overhead_ms", round(hot.p50Ms() - direct.p50Ms()));
        ratios.put("api_cold_rps_over_direct", round(cold.rps() / direct.rps()));
        ratios.put("api_cold_p50_overhead_ms", round(cold.p50Ms() - direct.p50Ms()));
        ratios.put("api_hot_p50_overhead_ms_c1", values.get("api_hot_p50_overhead_ms_c1"));
        ratios.put("api_cpu_ms_per_request_over_arm", values.get("api_cpu_ms_per_request_over_arm"));
        // The same comparison at the same load: in api_hot's windows the sandbox serves one ARM request per API request, at
        // api_hot's rate, while direct runs it about twice as fast, where a server's CPU per request is lower (fewer idle wake-ups).
        ratios.put("api_cpu_ms_per_request_over_arm_same_windows", round(hot.cpuMsPerRequest().getOrDefault("api", Double.NaN)
                / hot.cpuMsPerRequest().getOrDefault("sandbox", Double.NaN)));
        ratios.put("api_cold_rps_over_obo_direct", round(cold.rps() / scenarios.get("obo_direct").rps()));
        report.put("ratios", ratios);
        Map<String, Object> userJson = new LinkedHashMap<>();
        users.forEach((size, r) -> userJson.put(size, scenario(r)));
        report.put("users", userJson);
        report.put("users_obo_requests", usersOboRequests);
        report.put("cache", cache);
        report.put("targets", targets.judge(values));
        report.put("warm_up_reached_steady_state", warmUp.warm());
        report.put("burst", burst);
        report.put("api", api);
        report.put("scaleout", scaleout);
        return report;
    }

    private Map<String, Object> settingsJson() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("concurrency", settings.concurrency());
        config.put("warm_up_kind", settings.warmUpKind());
        config.put("warm_up_max_s", settings.warmUp().toSeconds());
        config.put("warm_up_s", warmUp.took().toSeconds());
        config.put("warm_up_requests", warmUp.requests());
        config.put("warm_up_reached_steady_state", warmUp.warm());
        config.put("warm_up_window_rps", warmUp.windowRps().stream().map(Report::round).toList());
        Map<String, Object> compiling = new LinkedHashMap<>();
        warmUp.windowCompileMs().forEach((name, ms) -> compiling.put(name, ms.stream().map(Report::round).toList()));
        config.put("warm_up_window_jit_ms", compiling);
        config.put("settle_s", settings.settle().toSeconds());
        config.put("alternating_rounds", settings.rounds());
        config.put("measured_s", settings.measured().toSeconds());
        config.put("hot_pool_tokens", settings.poolSize());
        config.put("users", settings.userSizes());
        config.put("api_obo_cache_maximum_size", Bench.Servers.oboCacheSize(settings));
        config.put("minted_assertions", minted);
        config.put("mint_s", round(mintSeconds));
        config.put("mint_per_s", round(minted / Math.max(1e-9, mintSeconds)));
        if (primed != null) {
            config.put("primed_requests", primed.requests());
            config.put("primed_per_s", round(primed.rps()));
        }
        return config;
    }

    private static Map<String, Object> scenario(LoadRun.Result r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rps", round(r.rps()));
        s.put("p50_ms", round(r.p50Ms()));
        s.put("p99_ms", round(r.p99Ms()));
        s.put("errors", r.errors());
        s.put("requests", r.requests());
        if (!r.cpuMsPerRequest().isEmpty()) {
            Map<String, Object> cpu = new LinkedHashMap<>();
            r.cpuMsPerRequest().forEach((process, ms) -> cpu.put(process, Math.round(ms * 1000) / 1000.0));
            s.put("cpu_ms_per_request", cpu);
        }
        return s;
    }

    private String markdown(Map<String, Object> json, Targets targets) {
        StringBuilder md = new StringBuilder("# Benchmark: latest run\n\n");
        Map<?, ?> machine = (Map<?, ?>) json.get("machine");
        md.append(String.format(Locale.ROOT, "%s run. %s cores (load average %s at the end), Java %s, %s; concurrency %d; warm-up `%s` "
                        + "%d s, %d requests (%s); %d s measured per scenario in %d alternating windows, each after %d s of settling; "
                        + "%d assertions minted in %.1f s (%s).%n%n",
                settings.quick() ? "**Quick** (`BENCH_QUICK=1`)" : "Full", machine.get("cores"), machine.get("load_average_1m"),
                machine.get("java"), machine.get("os"), settings.concurrency(), settings.warmUpKind(), warmUp.took().toSeconds(),
                warmUp.requests(), warmUp.warm() ? "reached steady state: JIT compilers quiet, throughput steady"
                        : "**ended before the servers were seen warm: check its windows in latest.json**",
                settings.measured().toSeconds(), settings.rounds(), settings.settle().toSeconds(), minted, mintSeconds, json.get("when")));
        md.append("## Targets (bench/targets.json)\n\n| target | value | target | result |\n|---|---:|---|---|\n");
        ((Map<?, ?>) json.get("targets")).forEach((name, t) -> {
            Map<?, ?> target = (Map<?, ?>) t;
            md.append("| ").append(name).append(" | ").append(target.get("value") == null ? "none" : target.get("value")).append(" | ")
                    .append(target.get("target")).append(" | ").append(Boolean.TRUE.equals(target.get("pass")) ? "PASS" : "**FAIL**")
                    .append(" |\n");
        });
        md.append("\n## Scenarios\n\n| scenario | requests/s | p50 ms | p99 ms | errors | requests |\n|---|---:|---:|---:|---:|---:|\n");
        scenarios.forEach((name, r) -> md.append(row(name, r)));
        md.append("\n| CPU ms per request | driver | sandbox | api |\n|---|---:|---:|---:|\n");
        scenarios.forEach((name, r) -> {
            if (!r.cpuMsPerRequest().isEmpty()) {
                md.append("| ").append(name);
                for (String process : List.of("driver", "sandbox", "api")) {
                    md.append(String.format(Locale.ROOT, " | %.3f", r.cpuMsPerRequest().getOrDefault(process, 0.0)));
                }
                md.append(" |\n");
            }
        });
        md.append("\n| ratio | value |\n|---|---:|\n");
        ((Map<?, ?>) json.get("ratios")).forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append("\n## Users (the hot path, each user's OBO token cached)\n\n| users | requests/s | p50 ms | p99 ms | errors | requests |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        users.forEach((size, r) -> md.append(row(size, r)));
        md.append("\nOn-Behalf-Of requests during these windows: ").append(usersOboRequests).append(" (cache misses).\n\n```\n")
                .append(plot()).append("```\n");
        md.append("\n## Heap per cached entry\n\n| cache | bytes per entry | token chars | bytes per char |\n|---|---:|---:|---:|\n");
        md.append("| OBO (ARM token) | ").append(cache.get("obo_bytes_per_entry")).append(" | ").append(cache.get("downstream_token_chars"))
                .append(" | ").append(cache.get("obo_bytes_per_token_char")).append(" |\n");
        md.append("| OBO (Graph token, measured) | ").append(cache.get("graph_obo_bytes_per_entry")).append(" | ")
                .append(cache.get("graph_token_chars")).append(" | |\n");
        md.append("| verified tokens (the assertion) | ").append(cache.get("verified_bytes_per_entry")).append(" | ")
                .append(cache.get("assertion_chars")).append(" | ").append(cache.get("verified_bytes_per_assertion_char")).append(" |\n");
        md.append("\nMeasured by ").append(cache.get("method")).append(". A Graph entry, by class (bytes): ")
                .append(cache.get("graph_entry_bytes_by_class")).append(".\n");
        md.append("\n## Burst, scale-out, memory\n\n| what | value |\n|---|---|\n");
        md.append("| burst: OBO requests for 100 concurrent first calls | ").append(burst.get("obo_requests")).append(" (errors ")
                .append(burst.get("errors")).append(") |\n");
        md.append("| scaleout: OBO requests for ").append(scaleout.get("distinct_assertions")).append(" assertions over ")
                .append(scaleout.get("instances")).append(" instances | ").append(scaleout.get("obo_requests")).append(" (errors ")
                .append(scaleout.get("errors")).append(") |\n");
        md.append("| scaleout: Redis commands that failed or timed out (timeout ").append(scaleout.get("l2_timeout")).append(") | ")
                .append(scaleout.get("l2_errors")).append(" |\n");
        md.append("| scaleout: p50 of getting the token (Server-Timing obo), OBO request / L2 hit / L1 hit | ")
                .append(scaleout.get("obo_request_token_p50_ms")).append(" / ").append(scaleout.get("l2_hit_token_p50_ms")).append(" / ")
                .append(scaleout.get("l1_hit_token_p50_ms")).append(" ms |\n");
        md.append("| scaleout: p50 of the whole request, OBO request / L2 hit / L1 hit | ")
                .append(scaleout.get("obo_request_request_p50_ms")).append(" / ").append(scaleout.get("l2_hit_request_p50_ms")).append(" / ")
                .append(scaleout.get("l1_hit_request_p50_ms")).append(" ms |\n");
        md.append("| scaleout: throughput of 2 instances over 1 (L1 hits; **says little on 2 cores**: both instances share them) | ")
                .append(scaleout.get("two_over_one_rps")).append(" (").append(scaleout.get("one_instance_rps")).append(" → ")
                .append(scaleout.get("two_instances_rps")).append(" requests/s) |\n");
        md.append("| API memory after the run | RSS ").append(api.get("rss_mb")).append(" MB, heap used ")
                .append(api.get("heap_used_mb")).append(" MB |\n");
        return md.toString();
    }

    private static String row(String name, LoadRun.Result r) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %d | %d |%n", name, r.rps(), r.p50Ms(), r.p99Ms(), r.errors(), r.requests());
    }

    /** p50 against users, one bar each, scaled to the largest p50. */
    String plot() {
        double most = users.values().stream().mapToDouble(LoadRun.Result::p50Ms).max().orElse(1);
        StringBuilder plot = new StringBuilder("p50 ms against distinct users (api_hot, concurrency " + settings.concurrency() + ")\n");
        users.forEach((size, r) -> plot.append(String.format(Locale.ROOT, "%6s users | %-50s %.2f ms%n", size,
                "#".repeat((int) Math.round(50 * r.p50Ms() / Math.max(1e-9, most))), r.p50Ms())));
        return plot.toString();
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
