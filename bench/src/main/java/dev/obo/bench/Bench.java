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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.LocalSystem;

/**
 * What On-Behalf-Of costs. Starts the sandbox and the API (production settings, INFO
 * logging) as processes, mints tokens, and measures in one run, so the ratios hold on a
 * noisy machine: {@code direct} (the ARM stand-in called with an ARM token: the ceiling),
 * {@code api_hot} (the API, OBO cache hits), {@code api_cold} (a new assertion per request:
 * an OBO request each) and {@code burst} (100 concurrent first requests with one new
 * assertion: how many OBO requests the sandbox saw), and {@code scaleout} (two API instances sharing
 * one Redis: {@link ScaleOut}). Writes bench/results/latest.json and .md.
 */
public final class Bench {

    /** direct and api_hot are measured in this many alternating windows each. */
    static final int ROUNDS = 3;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final List<String> USERS = List.of(DemoTenant.ALICE, DemoTenant.BOB);

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        try (LocalSystem system = new LocalSystem(root, root.resolve("bench/target/logs"))) {
            Servers servers = Servers.start(system, settings);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Tokens tokens = new Tokens(http, servers.sandbox(), DemoTenant.TENANT);
            List<String> pool = hotPool(tokens, settings);

            LoadRun.WarmUp warmUp = warmUp(http, settings, servers, pool);
            Map<String, LoadRun.Result> scenarios = new LinkedHashMap<>(ceilingAndHot(http, settings, servers, tokens, pool));
            scenarios.put("api_cold", cold(http, settings, servers, tokens));
            say("burst: 100 concurrent first requests with one new assertion");
            Map<String, Object> burst = burst(http, tokens, servers.apiUrl());

            Map<String, Object> api = memory(http, servers);
            say("scaleout: two more API instances and one Redis; each of " + settings.scaleoutAssertions()
                    + " new assertions to one instance, then twice to the other");
            Map<String, Object> scaleout = ScaleOut.run(system, http, tokens, servers.sandbox(), settings.scaleoutAssertions());

            Map<String, Object> report = report(settings, warmUp, scenarios, burst, api);
            report.put("scaleout", scaleout);
            write(root.resolve("bench/results"), report, scenarios, burst);
            say("done");
        }
    }

    /** The sandbox and the API as processes, the API pointed at the sandbox by the settings ./demo sets. */
    private record Servers(Process sandboxProcess, Process apiProcess, String sandbox, int apiPort) {

        static Servers start(LocalSystem system, Settings settings) throws IOException {
            int sandboxPort = LocalSystem.freePort();
            int apiPort = LocalSystem.freePort();
            String sandbox = "http://localhost:" + sandboxPort;
            String authority = sandbox + "/" + DemoTenant.TENANT;
            Process sandboxProcess = system.start("sandbox", "sandbox/target/sandbox-exec.jar", sandboxPort, List.of());
            List<String> apiJvm = settings.apiJvmOptions().isBlank() ? List.of() : List.of(WHITESPACE.split(settings.apiJvmOptions().trim()));
            Process api = system.start("api", "api/target/api-exec.jar", apiPort, apiJvm, List.of("--AUTHORITY=" + authority,
                    "--ISSUER=" + authority + "/v2.0", "--AZURE_MANAGEMENT_SUBSCRIPTIONS_URI=" + sandbox + "/subscriptions?api-version=2022-12-01",
                    "--GRAPH_BASE_URI=" + sandbox));
            return new Servers(sandboxProcess, api, sandbox, apiPort);
        }

        String armUrl() {
            return sandbox + "/subscriptions?api-version=2022-12-01";
        }

        String api() {
            return "http://localhost:" + apiPort;
        }

        String apiUrl() {
            return api() + "/subscriptions";
        }
    }

    /** The hot scenarios' user tokens, alice's and bob's in turn: each an assertion the API caches an ARM token for. */
    private static List<String> hotPool(Tokens tokens, Settings settings) {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < settings.poolSize(); i++) {
            pool.add(tokens.userToken(USERS.get(i % USERS.size())));
        }
        return pool;
    }

    /**
     * One warm-up for both servers: api_hot runs the API's whole hot path and, through it, the
     * ARM stand-in's, which is what direct measures. Then each measured window settles briefly first.
     */
    private static LoadRun.WarmUp warmUp(HttpClient http, Settings settings, Servers servers, List<String> pool)
            throws InterruptedException {
        say("warm-up: api_hot until both servers' JIT compilers are quiet and its throughput stops rising (at most "
                + settings.warmUp().toSeconds() + " s)");
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("api", servers.api());
        bases.put("sandbox", servers.sandbox());
        LoadRun.WarmUp warmUp = new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ZERO)
                .warmUntilSteady(cycling(pool, token -> LoadRun.get(servers.apiUrl(), token)),
                        Duration.ofSeconds(Math.min(40, settings.warmUp().toSeconds())), settings.warmUp(), Duration.ofSeconds(5),
                        () -> compilationMs(http, bases));
        if (!warmUp.warm()) {
            say("WARNING: the warm-up reached its maximum before the servers were seen warm (JIT compilers quiet and throughput "
                    + "steady); check its windows below before trusting the numbers, or raise BENCH_WARMUP_SECONDS");
        }
        say(String.format(Locale.ROOT, "warm-up ended after %d s; per 5 s window, req/s: %s; JIT ms: %s", warmUp.took().toSeconds(),
                warmUp.windowRps().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                warmUp.windowCompileMs().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                        .map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList()).toList()));
        return warmUp;
    }

    /** direct (the ARM stand-in with ARM tokens: the ceiling) and api_hot (the API, OBO cache hits), in alternating rounds. */
    private static Map<String, LoadRun.Result> ceilingAndHot(HttpClient http, Settings settings, Servers servers, Tokens tokens,
                                                             List<String> pool) throws InterruptedException {
        List<String> armPool = pool.stream().map(tokens::armToken).toList();
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        processes.put("driver", ProcessHandle.current());
        processes.put("sandbox", servers.sandboxProcess().toHandle());
        processes.put("api", servers.apiProcess().toHandle());
        Map<String, Supplier<HttpRequest>> scenarios = new LinkedHashMap<>();
        scenarios.put("direct", cycling(armPool, token -> LoadRun.get(servers.armUrl(), token)));
        scenarios.put("api_hot", cycling(pool, token -> LoadRun.get(servers.apiUrl(), token)));
        say("direct (the ARM stand-in with ARM tokens: the ceiling) and api_hot (the API, OBO cache hits), in "
                + ROUNDS + " alternating rounds");
        return new LoadRun(http, settings.concurrency(), settings.settle(), settings.measured(), processes).interleaved(scenarios, ROUNDS);
    }

    /** api_cold: the API with a new assertion per request, so an OBO token request each. */
    private static LoadRun.Result cold(HttpClient http, Settings settings, Servers servers, Tokens tokens) throws Exception {
        say("api_cold: minting " + settings.coldTokens() + " fresh user tokens");
        ConcurrentLinkedQueue<String> fresh = mint(tokens, USERS, settings.coldTokens());
        say("api_cold: the API, a new assertion per request");
        // The API is warm by now; a short warm-up keeps the pool of fresh tokens for measuring.
        LoadRun coldLoad = new LoadRun(http, settings.concurrency(), Duration.ofSeconds(Math.min(5, settings.warmUp().toSeconds())),
                settings.measured());
        return coldLoad.run(() -> {
            String token = fresh.poll();
            return token == null ? null : LoadRun.get(servers.apiUrl(), token);
        });
    }

    private static <T> Supplier<HttpRequest> cycling(List<T> items, Function<T, HttpRequest> request) {
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
        String token = tokens.userToken(DemoTenant.ALICE);
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

    private static Map<String, Object> memory(HttpClient http, Servers servers) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("rss_mb", rssMb(servers.apiProcess().pid()));
        try {
            double bytes = metric(http, servers.api() + "/actuator/metrics/jvm.memory.used?tag=area:heap");
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
                    return round(Long.parseLong(NON_DIGITS.matcher(line).replaceAll("")) / 1024.0);
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
        Map<?, ?> scaleout = (Map<?, ?>) report.get("scaleout");
        md.append("| scaleout: OBO requests for ").append(scaleout.get("distinct_assertions")).append(" assertions over ")
                .append(scaleout.get("instances")).append(" instances | ").append(scaleout.get("obo_requests")).append(" (errors ")
                .append(scaleout.get("errors")).append(") | = assertions |\n");
        md.append("| scaleout: p50 of getting the token (Server-Timing obo), OBO request / L2 hit / L1 hit | ")
                .append(scaleout.get("obo_request_token_p50_ms")).append(" / ").append(scaleout.get("l2_hit_token_p50_ms")).append(" / ")
                .append(scaleout.get("l1_hit_token_p50_ms")).append(" ms | |\n");
        md.append("| scaleout: p50 of the whole request, OBO request / L2 hit / L1 hit | ")
                .append(scaleout.get("obo_request_request_p50_ms")).append(" / ").append(scaleout.get("l2_hit_request_p50_ms")).append(" / ")
                .append(scaleout.get("l1_hit_request_p50_ms")).append(" ms | |\n");
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
     * BENCH_SECONDS, BENCH_POOL, BENCH_COLD_TOKENS, BENCH_API_JVM_OPTIONS (a profiler, say), BENCH_SCALEOUT_ASSERTIONS.
     */
    record Settings(int concurrency, Duration warmUp, Duration settle, Duration measured, int poolSize, int coldTokens, String apiJvmOptions,
                    int scaleoutAssertions) {
        static Settings fromEnvironment() {
            String jvm = System.getenv("BENCH_API_JVM_OPTIONS");
            return new Settings(integer("BENCH_CONCURRENCY", 8), Duration.ofSeconds(integer("BENCH_WARMUP_SECONDS", 130)),
                    Duration.ofSeconds(integer("BENCH_SETTLE_SECONDS", 5)), Duration.ofSeconds(integer("BENCH_SECONDS", 15)),
                    integer("BENCH_POOL", 16), integer("BENCH_COLD_TOKENS", 4000), jvm == null ? "" : jvm,
                    integer("BENCH_SCALEOUT_ASSERTIONS", 200));
        }

        private static int integer(String name, int fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }
    }
}
