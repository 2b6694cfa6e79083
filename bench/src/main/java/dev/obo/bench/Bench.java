package dev.obo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;


import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.sandbox.junit.LocalSystem;

/**
 * What On-Behalf-Of costs. Starts the sandbox and the API (production settings, INFO
 * logging) as processes, mints tokens, and measures in one run, so the ratios hold on a
 * noisy machine: {@code direct} (the ARM stand-in called with an ARM token: the ceiling),
 * {@code api_hot} (the API, OBO cache hits), {@code api_cold} (a new assertion per request:
 * an OBO request each) and {@code burst} (100 concurrent first requests with one new
 * assertion: how many OBO requests the sandbox saw). Writes bench/results/latest.json and .md.
 */
public final class Bench {

    static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    /** direct and api_hot are measured in this many alternating windows each. */
    static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path results = root.resolve("bench/results");
        int sandboxPort = LocalSystem.freePort();
        int apiPort = LocalSystem.freePort();
        String sandbox = "http://localhost:" + sandboxPort;
        try (LocalSystem system = new LocalSystem(root, root.resolve("bench/target/logs"))) {
            Process sandboxProcess = system.start("sandbox", "sandbox/target/sandbox-exec.jar", sandboxPort, List.of());
            List<String> apiJvm = settings.apiJvmOptions().isBlank() ? List.of() : List.of(settings.apiJvmOptions().trim().split("\\s+"));
            Process api = system.start("api", "api/target/api-exec.jar", apiPort, apiJvm, List.of(
                    "--onbehalf.authority=" + sandbox + "/" + TENANT, "--onbehalf.issuer=" + sandbox + "/" + TENANT + "/v2.0",
                    "--obo.api.arm.subscriptions-uri=" + sandbox + "/subscriptions?api-version=2022-12-01",
                    "--GRAPH_BASE_URI=" + sandbox));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Tokens tokens = new Tokens(http, sandbox, TENANT);
            String armUrl = sandbox + "/subscriptions?api-version=2022-12-01";
            String apiUrl = "http://localhost:" + apiPort + "/subscriptions";

            List<String> users = List.of("alice@onbehalf.test", "bob@onbehalf.test");
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < settings.poolSize(); i++) {
                pool.add(tokens.userToken(users.get(i % users.size())));
            }
            List<String> armPool = pool.stream().map(tokens::armToken).toList();

            // One warm-up for both servers: api_hot runs the API's whole hot path and, through it, the
            // ARM stand-in's, which is what direct measures. Then each measured window settles briefly first.
            say("warm-up: api_hot until both servers' JIT compilers are quiet and its throughput stops rising (at most "
                    + settings.warmUp().toSeconds() + " s)");
            LoadRun warm = new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ZERO);
            Map<String, String> servers = new LinkedHashMap<>();
            servers.put("api", "http://localhost:" + apiPort);
            servers.put("sandbox", sandbox);
            LoadRun.WarmUp warmUp = warm.warmUntilSteady(cycling(pool, token -> LoadRun.get(apiUrl, token)),
                    Duration.ofSeconds(Math.min(40, settings.warmUp().toSeconds())), settings.warmUp(), Duration.ofSeconds(5),
                    () -> compilationMs(http, servers));
            if (!warmUp.warm()) {
                say("WARNING: the warm-up reached its maximum before the servers were seen warm (JIT compilers quiet and throughput "
                        + "steady); check its windows below before trusting the numbers, or raise BENCH_WARMUP_SECONDS");
            }
            say(String.format(Locale.ROOT, "warm-up ended after %d s; per 5 s window, req/s: %s; JIT ms: %s", warmUp.took().toSeconds(),
                    warmUp.windowRps().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                    warmUp.windowCompileMs().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                            .map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList()).toList()));
            Map<String, ProcessHandle> processes = new LinkedHashMap<>();
            processes.put("driver", ProcessHandle.current());
            processes.put("sandbox", sandboxProcess.toHandle());
            processes.put("api", api.toHandle());
            LoadRun load = new LoadRun(http, settings.concurrency(), settings.settle(), settings.measured(), processes);

            Map<String, java.util.function.Supplier<HttpRequest>> ceilingAndHot = new LinkedHashMap<>();
            ceilingAndHot.put("direct", cycling(armPool, token -> LoadRun.get(armUrl, token)));
            ceilingAndHot.put("api_hot", cycling(pool, token -> LoadRun.get(apiUrl, token)));
            say("direct (the ARM stand-in with ARM tokens: the ceiling) and api_hot (the API, OBO cache hits), in "
                    + ROUNDS + " alternating rounds");
            Map<String, LoadRun.Result> scenarios = new LinkedHashMap<>(load.interleaved(ceilingAndHot, ROUNDS));
            say("api_cold: minting " + settings.coldTokens() + " fresh user tokens");
            ConcurrentLinkedQueue<String> fresh = mint(tokens, users, settings.coldTokens());
            say("api_cold: the API, a new assertion per request");
            // The API is warm by now; a short warm-up keeps the pool of fresh tokens for measuring.
            LoadRun coldLoad = new LoadRun(http, settings.concurrency(), Duration.ofSeconds(Math.min(5, settings.warmUp().toSeconds())),
                    settings.measured());
            scenarios.put("api_cold", coldLoad.run(() -> {
                String token = fresh.poll();
                return token == null ? null : LoadRun.get(apiUrl, token);
            }));
            say("burst: 100 concurrent first requests with one new assertion");
            Map<String, Object> burst = burst(http, tokens, apiUrl);

            Map<String, Object> report = report(settings, warmUp, scenarios, burst, memory(http, apiPort, api));
            write(results, report, scenarios, burst);
            say("done");
        }
    }

    private static <T> java.util.function.Supplier<HttpRequest> cycling(List<T> items, java.util.function.Function<T, HttpRequest> request) {
        AtomicInteger next = new AtomicInteger();
        return () -> request.apply(items.get(Math.floorMod(next.getAndIncrement(), items.size())));
    }

    private static ConcurrentLinkedQueue<String> mint(Tokens tokens, List<String> users, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = users.get(i % users.size());
            futures.add(pool.submit(() -> tokens.userToken(user)));
        }
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
        for (Future<String> future : futures) {
            queue.add(future.get());
        }
        pool.shutdown();
        return queue;
    }

    private static Map<String, Object> burst(HttpClient http, Tokens tokens, String apiUrl) throws Exception {
        String token = tokens.userToken("alice@onbehalf.test");
        long before = tokens.oboRequests();
        int concurrency = 100;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return http.send(LoadRun.get(apiUrl, token), HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        start.countDown();
        int errors = 0;
        for (Future<Integer> call : calls) {
            errors += call.get() == 200 ? 0 : 1;
        }
        pool.shutdown();
        Map<String, Object> burst = new LinkedHashMap<>();
        burst.put("concurrency", concurrency);
        burst.put("obo_requests", tokens.oboRequests() - before);
        burst.put("errors", errors);
        return burst;
    }

    /** Each server's total JIT compilation time so far (Micrometer's {@code jvm.compilation.time}, ms); a server that does not answer is left out. */
    private static Map<String, Double> compilationMs(HttpClient http, Map<String, String> servers) {
        Map<String, Double> compiled = new LinkedHashMap<>();
        servers.forEach((name, base) -> {
            try {
                compiled.put(name, metric(http, base + "/actuator/metrics/jvm.compilation.time"));
            } catch (Exception e) {
                // Not counted: the warm-up then rests on throughput alone for this server.
            }
        });
        return compiled;
    }

    /** The first measurement of an Actuator metric at {@code url}. */
    private static double metric(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<?> measurements = (List<?>) new JsonMapper().readValue(response.body(), Map.class).get("measurements");
        return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
    }

    private static Map<String, Object> memory(HttpClient http, int apiPort, Process api) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("rss_mb", rssMb(api.pid()));
        try {
            double bytes = metric(http, "http://localhost:" + apiPort + "/actuator/metrics/jvm.memory.used?tag=area:heap");
            memory.put("heap_used_mb", round(bytes / (1024 * 1024)));
        } catch (Exception e) {
            memory.put("heap_used_mb", -1);
        }
        return memory;
    }

    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static Map<String, Object> report(Settings settings, LoadRun.WarmUp warmUp, Map<String, LoadRun.Result> scenarios, Map<String, Object> burst,
                                              Map<String, Object> api) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        report.put("machine", machine);
        report.put("when", Instant.now().toString());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("concurrency", settings.concurrency());
        config.put("warm_up_max_s", settings.warmUp().toSeconds());
        config.put("warm_up_s", warmUp.took().toSeconds());
        config.put("warm_up_reached_steady_state", warmUp.warm());
        config.put("warm_up_window_rps", warmUp.windowRps().stream().map(Bench::round).toList());
        Map<String, Object> compiling = new LinkedHashMap<>();
        warmUp.windowCompileMs().forEach((name, ms) -> compiling.put(name, ms.stream().map(Bench::round).toList()));
        config.put("warm_up_window_jit_ms", compiling);
        config.put("settle_s", settings.settle().toSeconds());
        config.put("alternating_rounds", ROUNDS);
        config.put("measured_s", settings.measured().toSeconds());
        config.put("hot_pool_tokens", settings.poolSize());
        config.put("cold_tokens", settings.coldTokens());
        report.put("settings", config);
        Map<String, Object> json = new LinkedHashMap<>();
        scenarios.forEach((name, r) -> {
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
            json.put(name, s);
        });
        report.put("scenarios", json);
        LoadRun.Result direct = scenarios.get("direct");
        LoadRun.Result hot = scenarios.get("api_hot");
        LoadRun.Result cold = scenarios.get("api_cold");
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("api_hot_rps_over_direct", round(hot.rps() / direct.rps()));
        ratios.put("api_hot_p50_overhead_ms", round(hot.p50Ms() - direct.p50Ms()));
        ratios.put("api_cold_rps_over_direct", round(cold.rps() / direct.rps()));
        ratios.put("api_cold_p50_overhead_ms", round(cold.p50Ms() - direct.p50Ms()));
        report.put("ratios", ratios);
        report.put("burst", burst);
        report.put("api", api);
        return report;
    }

    private static void write(Path results, Map<String, Object> report, Map<String, LoadRun.Result> scenarios,
                              Map<String, Object> burst) throws IOException {
        Files.createDirectories(results);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(results.resolve("latest.json"), json.writeValueAsString(report) + "\n");
        StringBuilder md = new StringBuilder();
        Map<?, ?> machine = (Map<?, ?>) report.get("machine");
        Map<?, ?> config = (Map<?, ?>) report.get("settings");
        md.append("# Benchmark: latest run\n\n");
        boolean warm = Boolean.TRUE.equals(config.get("warm_up_reached_steady_state"));
        md.append(String.format(Locale.ROOT, "%s cores, Java %s, %s; concurrency %s; warm-up %s s (%s); "
                        + "%s s measured per scenario, direct and api_hot in %d alternating windows, each after %s s of settling (%s).%n%n",
                machine.get("cores"), machine.get("java"), machine.get("os"), config.get("concurrency"), config.get("warm_up_s"),
                warm ? "api_hot until both JIT compilers were quiet and its throughput stopped rising"
                        : "**cut off at its maximum before the servers were seen warm: check its windows in latest.json**",
                config.get("measured_s"), ROUNDS, config.get("settle_s"), report.get("when")));
        md.append("| scenario | requests/s | p50 ms | p99 ms | errors | requests |\n|---|---:|---:|---:|---:|---:|\n");
        scenarios.forEach((name, r) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %d | %d |%n",
                name, r.rps(), r.p50Ms(), r.p99Ms(), r.errors(), r.requests())));
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
        Map<?, ?> ratios = (Map<?, ?>) report.get("ratios");
        Map<?, ?> api = (Map<?, ?>) report.get("api");
        md.append("\n| ratio | value | target |\n|---|---:|---|\n");
        md.append("| api_hot_rps_over_direct | ").append(ratios.get("api_hot_rps_over_direct")).append(" | ≥ 0.4 |\n");
        md.append("| api_hot_p50_overhead_ms | ").append(ratios.get("api_hot_p50_overhead_ms")).append(" | ≤ 1.0 |\n");
        md.append("| api_cold_rps_over_direct | ").append(ratios.get("api_cold_rps_over_direct")).append(" | |\n");
        md.append("| burst: OBO requests for 100 concurrent first calls | ").append(burst.get("obo_requests")).append(" | 1 |\n");
        md.append("| API memory after the run | RSS ").append(api.get("rss_mb")).append(" MB, heap used ")
                .append(api.get("heap_used_mb")).append(" MB | |\n");
        Files.writeString(results.resolve("latest.md"), md.toString());
        System.out.println();
        System.out.print(md);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static final long STARTED = System.nanoTime();

    private static void say(String message) {
        System.out.printf(Locale.ROOT, "bench [%3d s]: %s%n", (System.nanoTime() - STARTED) / 1_000_000_000L, message);
    }

    /**
     * BENCH_CONCURRENCY, BENCH_WARMUP_SECONDS (the most the warm-up may take), BENCH_SETTLE_SECONDS,
     * BENCH_SECONDS, BENCH_POOL, BENCH_COLD_TOKENS, BENCH_API_JVM_OPTIONS (a profiler, say).
     */
    record Settings(int concurrency, Duration warmUp, Duration settle, Duration measured, int poolSize, int coldTokens, String apiJvmOptions) {
        static Settings fromEnvironment() {
            String jvm = System.getenv("BENCH_API_JVM_OPTIONS");
            return new Settings(integer("BENCH_CONCURRENCY", 8), Duration.ofSeconds(integer("BENCH_WARMUP_SECONDS", 130)),
                    Duration.ofSeconds(integer("BENCH_SETTLE_SECONDS", 5)), Duration.ofSeconds(integer("BENCH_SECONDS", 15)),
                    integer("BENCH_POOL", 16), integer("BENCH_COLD_TOKENS", 4000), jvm == null ? "" : jvm);
        }

        private static int integer(String name, int fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }
    }
}
