package dev.obo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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

import tools.jackson.databind.json.JsonMapper;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.LocalSystem;

/**
 * What On-Behalf-Of costs. Starts the sandbox (with the benchmark's own users added to its seed)
 * and the API (production settings, INFO logging) as processes, mints tokens, and measures in one
 * run, so the ratios hold on a noisy machine: {@code direct} (the ARM stand-in called with an ARM
 * token: the ceiling) against {@code api_hot} (the API, OBO cache hits), at concurrency 8 and at 1;
 * {@code obo_direct} (the sandbox's own OBO grant) against {@code api_cold} (a new assertion per
 * request); the hot path for 10, 1 000 and 10 000 distinct users, and the heap each cached user
 * holds; {@code burst} (100 concurrent first requests with one new assertion: how many OBO
 * requests the sandbox saw); and {@code scaleout} (two API instances sharing one Redis:
 * {@link ScaleOut}). Judges the results against bench/targets.json and writes
 * bench/results/latest.json and .md ({@link Report}).
 */
public final class Bench {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final List<String> HOT_USERS = List.of(DemoTenant.ALICE, DemoTenant.BOB);
    /** Users whose Graph token is also cached, to tell an OBO entry's bytes from a verified token's (at most half the users). */
    private static final int GRAPH_ENTRIES = 2000;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Targets targets = Targets.read(root.resolve("bench/targets.json"));
        Progress progress = plan(settings);
        Path seed = BenchUsers.writeSeed(root.resolve("bench/target"), settings.users());
        Report report = new Report(settings);
        try (LocalSystem system = new LocalSystem(root, root.resolve("bench/target/logs"))) {
            progress.phase("start", "the sandbox (with " + settings.users() + " more users) and the API, as processes ("
                    + (settings.quick() ? "BENCH_QUICK=1: the quick look, about 3 minutes" : "full run, about 6 minutes; BENCH_QUICK=1 for a 3-minute look") + ")");
            Servers servers = Servers.start(system, settings, seed);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Tokens tokens = new Tokens(http, servers.sandbox(), DemoTenant.TENANT);

            progress.phase("mint", "one assertion for each of " + settings.users() + " distinct users (ROPC), 8 at a time");
            long minting = System.nanoTime();
            List<String> assertions = BenchUsers.mint(tokens, settings.users());
            double mintSeconds = (System.nanoTime() - minting) / 1e9;
            report.minted(assertions.size(), mintSeconds);
            progress.say(String.format(Locale.ROOT, "minted %d assertions in %.1f s (%.0f a second)", assertions.size(), mintSeconds,
                    assertions.size() / mintSeconds));
            List<String> pool = hotPool(tokens, settings);

            progress.phase("warm-up", WarmUps.describe(settings));
            report.warmUp(WarmUps.run(http, settings, servers, pool, progress));

            progress.phase("hot c" + settings.concurrency(), "direct (the ARM stand-in with ARM tokens: the ceiling) and api_hot (the API, "
                    + "OBO cache hits), concurrency " + settings.concurrency() + ", " + settings.rounds() + " alternating rounds");
            report.scenarios(ceilingAndHot(http, settings, servers, tokens, pool, settings.concurrency(), ""));
            progress.phase("hot c1", "direct and api_hot at concurrency 1 (no queue: the API's own latency), "
                    + settings.rounds() + " alternating rounds");
            report.scenarios(ceilingAndHot(http, settings, servers, tokens, pool, 1, "_c1"));

            // GET /me once from each driver thread, so the Graph client's connections and buffers exist before
            // the heap is measured: they are the process's, not the entries'.
            prime(http, settings, servers.api() + "/me", new ConcurrentLinkedQueue<>(Collections.nCopies(200, pool.get(0))), 200);
            CacheBytes cacheBytes = new CacheBytes(http, servers);
            cacheBytes.before();
            ConcurrentLinkedQueue<String> fresh = new ConcurrentLinkedQueue<>(assertions);
            int firstHalf = assertions.size() / 2;
            progress.phase("prime", "the first " + firstHalf + " users' first requests (unmeasured: they warm the cold path, a new "
                    + "assertion each, and cache the users' OBO tokens)");
            LoadRun.Result primed = prime(http, settings, servers.apiUrl(), fresh, firstHalf);
            progress.say(String.format(Locale.ROOT, "primed at %.0f requests/s", primed.rps()));
            progress.phase("cold", "obo_direct (the sandbox's OBO grant, the API's client, the same assertions) and api_cold (the other "
                    + "users' first requests: a new assertion each), " + settings.rounds() + " alternating rounds");
            report.scenarios(cold(http, settings, servers, tokens, assertions, fresh));
            primed = primed.and(prime(http, settings, servers.apiUrl(), fresh, fresh.size()));
            report.primed(primed);
            cacheBytes.afterUsers();
            int graphEntries = Math.min(GRAPH_ENTRIES, assertions.size() / 2);
            progress.phase("heap", "the heap per cached entry: " + graphEntries + " users' Graph tokens too (GET /me), jcmd GC.class_histogram "
                    + "before and after");
            prime(http, settings, servers.api() + "/me", new ConcurrentLinkedQueue<>(assertions.subList(0, graphEntries)), graphEntries);
            cacheBytes.afterGraph();
            report.cache(cacheBytes.report(tokens.armToken(assertions.get(0)).length(), tokens.graphToken(assertions.get(0)).length(),
                    assertions.get(0).length()));

            progress.phase("users", "the hot path with " + settings.userSizes() + " distinct users, each's OBO token cached, "
                    + settings.rounds() + " alternating rounds");
            long oboBefore = tokens.oboRequests();
            report.users(users(http, settings, servers, assertions), tokens.oboRequests() - oboBefore);

            progress.phase("burst", "100 concurrent first requests with one new assertion");
            report.burst(burst(http, tokens, servers.apiUrl()));
            report.api(memory(http, servers));

            progress.phase("scaleout", "two more API instances and one Redis; each of " + settings.scaleoutAssertions()
                    + " new assertions to one instance, then twice to the other; then 1 instance against 2");
            report.scaleout(ScaleOut.run(system, http, tokens, servers.sandbox(), settings));

            progress.phase("report", "writing bench/results/latest.json and latest.md");
            report.write(root.resolve("bench/results"), targets);
            progress.say("done");
        }
    }

    /** The phases and their planned lengths, for the time left on each progress line. */
    private static Progress plan(Settings settings) {
        double window = settings.settle().toSeconds() + settings.measured().toSeconds() / (double) settings.rounds();
        double userRequests = settings.users();
        return new Progress().plan("start", 25).plan("mint", userRequests / 400).plan("warm-up", WarmUps.planned(settings))
                .plan("hot c" + settings.concurrency(), 2 * settings.rounds() * window).plan("hot c1", 2 * settings.rounds() * window)
                .plan("prime", userRequests / 2 / 250).plan("cold", 2 * settings.rounds() * window).plan("heap", 10)
                .plan("users", settings.userSizes().size() * settings.rounds() * window).plan("burst", 2)
                .plan("scaleout", 35 + settings.scaleoutAssertions() / 30.0 + 2 * settings.rounds() * window).plan("report", 1);
    }

    /** The sandbox and the API as processes, the API pointed at the sandbox by the settings ./demo sets. */
    record Servers(Process sandboxProcess, Process apiProcess, String sandbox, int apiPort) {

        static Servers start(LocalSystem system, Settings settings, Path seed) throws IOException {
            int sandboxPort = LocalSystem.freePort();
            int apiPort = LocalSystem.freePort();
            String sandbox = "http://localhost:" + sandboxPort;
            String authority = sandbox + "/" + DemoTenant.TENANT;
            Process sandboxProcess = system.start("sandbox", "sandbox/target/sandbox-exec.jar", sandboxPort, List.of(),
                    List.of("--SANDBOX_SEED=classpath:sandbox.yml,file:" + seed));
            List<String> apiJvm = settings.apiJvmOptions().isBlank() ? List.of() : List.of(WHITESPACE.split(settings.apiJvmOptions().trim()));
            // Room for every user's ARM and Graph tokens and the hot pool's: with the default 10 000, 10 000 users and a few
            // more entries evict one another in turn (4 928 OBO requests in one run's users windows), and "each user's OBO
            // entry cached" would not hold. A deployment sizes it for its users the same way.
            Process api = system.start("api", "api/target/api-exec.jar", apiPort, apiJvm, List.of("--AUTHORITY=" + authority,
                    "--ISSUER=" + authority + "/v2.0", "--AZURE_MANAGEMENT_SUBSCRIPTIONS_URI=" + sandbox + "/subscriptions?api-version=2022-12-01",
                    "--GRAPH_BASE_URI=" + sandbox, "--OBO_CACHE_MAX_SIZE=" + oboCacheSize(settings)));
            return new Servers(sandboxProcess, api, sandbox, apiPort);
        }

        /**
         * Room for every user's ARM and Graph entries, and then some: Caffeine allocates its frequency
         * sketch (a {@code long[]} sized by the maximum, a cost of the capacity, not of an entry) when the
         * cache first holds half its maximum, which this run never reaches, so that no step of the heap
         * measurement ({@link CacheBytes}) counts the sketch as the entries' own.
         */
        static int oboCacheSize(Settings settings) {
            return 4 * settings.users() + 1000;
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

        Map<String, ProcessHandle> processes() {
            Map<String, ProcessHandle> processes = new LinkedHashMap<>();
            processes.put("driver", ProcessHandle.current());
            processes.put("sandbox", sandboxProcess.toHandle());
            processes.put("api", apiProcess.toHandle());
            return processes;
        }
    }

    /** The hot scenarios' user tokens, alice's and bob's in turn: each an assertion the API caches an ARM token for. */
    private static List<String> hotPool(Tokens tokens, Settings settings) {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < settings.poolSize(); i++) {
            pool.add(tokens.userToken(HOT_USERS.get(i % HOT_USERS.size())));
        }
        return pool;
    }

    /** direct (the ARM stand-in with ARM tokens: the ceiling) and api_hot (the API, OBO cache hits), in alternating rounds. */
    private static Map<String, LoadRun.Result> ceilingAndHot(HttpClient http, Settings settings, Servers servers, Tokens tokens,
                                                             List<String> pool, int concurrency, String suffix) throws InterruptedException {
        List<String> armPool = pool.stream().map(tokens::armToken).toList();
        Map<String, Supplier<HttpRequest>> scenarios = new LinkedHashMap<>();
        scenarios.put("direct" + suffix, cycling(armPool, token -> LoadRun.get(servers.armUrl(), token)));
        scenarios.put("api_hot" + suffix, cycling(pool, token -> LoadRun.get(servers.apiUrl(), token)));
        return new LoadRun(http, concurrency, settings.settle(), settings.measured(), servers.processes()).interleaved(scenarios, settings.rounds());
    }

    /**
     * obo_direct (the sandbox's own On-Behalf-Of grant, with the API's client and the users'
     * assertions: the ceiling of a cache miss) and api_cold (the API, each request with an
     * assertion it has not seen, taken from {@code fresh}), in alternating rounds.
     */
    private static Map<String, LoadRun.Result> cold(HttpClient http, Settings settings, Servers servers, Tokens tokens, List<String> assertions,
                                                    ConcurrentLinkedQueue<String> fresh) throws InterruptedException {
        Map<String, Supplier<HttpRequest>> scenarios = new LinkedHashMap<>();
        scenarios.put("obo_direct", cycling(assertions, tokens::armOnBehalfOfRequest));
        scenarios.put("api_cold", () -> {
            String token = fresh.poll();
            return token == null ? null : LoadRun.get(servers.apiUrl(), token);
        });
        return new LoadRun(http, settings.concurrency(), settings.settle(), settings.measured(), servers.processes())
                .interleaved(scenarios, settings.rounds());
    }

    /** Sends {@code count} of {@code tokens} (or all that are left), each once, to {@code url} (unmeasured load). */
    private static LoadRun.Result prime(HttpClient http, Settings settings, String url, ConcurrentLinkedQueue<String> tokens, int count)
            throws InterruptedException {
        AtomicInteger left = new AtomicInteger(count);
        return new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ofMinutes(10)).run(() -> {
            String token = left.getAndDecrement() > 0 ? tokens.poll() : null;
            return token == null ? null : LoadRun.get(url, token);
        });
    }

    /** The hot path with each size of distinct users, every user's OBO token cached, in alternating rounds. */
    private static Map<String, LoadRun.Result> users(HttpClient http, Settings settings, Servers servers, List<String> assertions)
            throws InterruptedException {
        Map<String, Supplier<HttpRequest>> scenarios = new LinkedHashMap<>();
        for (int size : settings.userSizes()) {
            scenarios.put(Integer.toString(size), cycling(assertions.subList(0, size), token -> LoadRun.get(servers.apiUrl(), token)));
        }
        return new LoadRun(http, settings.concurrency(), settings.settle(), settings.measured(), servers.processes())
                .interleaved(scenarios, settings.rounds());
    }

    static <T> Supplier<HttpRequest> cycling(List<T> items, Function<T, HttpRequest> request) {
        AtomicInteger next = new AtomicInteger();
        return () -> request.apply(items.get(Math.floorMod(next.getAndIncrement(), items.size())));
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
    static Map<String, Double> compilationMs(HttpClient http, Map<String, String> servers) {
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
    static double metric(HttpClient http, String url) throws IOException, InterruptedException {
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
            memory.put("heap_used_mb", Report.round(bytes / (1024 * 1024)));
        } catch (Exception e) {
            memory.put("heap_used_mb", -1);
        }
        return memory;
    }

    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Report.round(Long.parseLong(NON_DIGITS.matcher(line).replaceAll("")) / 1024.0);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * BENCH_QUICK (1: the quick look, about 3 minutes: fewer users, shorter windows, two rounds), BENCH_CONCURRENCY,
     * BENCH_WARMUP (the warm-up's kind, {@link WarmUps}), BENCH_WARMUP_SECONDS (the most it may take),
     * BENCH_SETTLE_SECONDS, BENCH_SECONDS, BENCH_ROUNDS, BENCH_POOL, BENCH_USERS (the largest user count),
     * BENCH_API_JVM_OPTIONS (a profiler, say), BENCH_SCALEOUT_ASSERTIONS.
     */
    record Settings(boolean quick, int concurrency, String warmUpKind, Duration warmUp, Duration settle, Duration measured, int rounds,
                    int poolSize, int users, String apiJvmOptions, int scaleoutAssertions) {

        static Settings fromEnvironment() {
            boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
            String jvm = System.getenv("BENCH_API_JVM_OPTIONS");
            String kind = System.getenv("BENCH_WARMUP");
            return new Settings(quick, integer("BENCH_CONCURRENCY", 8), kind == null || kind.isBlank() ? WarmUps.DEFAULT : kind.trim(),
                    Duration.ofSeconds(integer("BENCH_WARMUP_SECONDS", quick ? 50 : 150)),
                    Duration.ofSeconds(integer("BENCH_SETTLE_SECONDS", 1)), Duration.ofSeconds(integer("BENCH_SECONDS", quick ? 4 : 12)),
                    integer("BENCH_ROUNDS", quick ? 2 : 3), integer("BENCH_POOL", 16), integer("BENCH_USERS", quick ? 1000 : 10_000),
                    jvm == null ? "" : jvm, integer("BENCH_SCALEOUT_ASSERTIONS", quick ? 50 : 200));
        }

        /** 10, a tenth of the most, and the most: 10, 1 000 and 10 000 by default. */
        List<Integer> userSizes() {
            return List.of(10, users / 10, users).stream().distinct().filter(n -> n > 0).toList();
        }

        private static int integer(String name, int fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }
    }
}
