package dev.obo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fixed-concurrency load: {@code concurrency} threads each send one request at a time
 * (closed loop) for the warm-up, which is not recorded, then for the measured duration,
 * whose latencies go to an HdrHistogram. A request is an error unless it answers 200.
 */
final class LoadRun {

    private final HttpClient http;
    private final int concurrency;
    private final Duration warmUp;
    private final Duration measured;

    private final Map<String, ProcessHandle> processes;

    LoadRun(HttpClient http, int concurrency, Duration warmUp, Duration measured) {
        this(http, concurrency, warmUp, measured, Map.of());
    }

    /** As above, also counting the CPU time each of {@code processes} spends in the measured time. */
    LoadRun(HttpClient http, int concurrency, Duration warmUp, Duration measured, Map<String, ProcessHandle> processes) {
        this.http = http;
        this.concurrency = concurrency;
        this.warmUp = warmUp;
        this.measured = measured;
        this.processes = processes;
    }

    /** Runs {@code requests} (each call gives the next request, or null when there are no more) and reports. */
    Result run(Supplier<HttpRequest> requests) throws InterruptedException {
        return Result.of(List.of(window(requests)));
    }

    /**
     * Measures the scenarios in alternating windows, {@code rounds} of them, each preceded by
     * this run's warm-up (settling after the switch), so that what the shared machine does
     * meanwhile falls on every scenario alike. Each scenario gets {@code measured} in all.
     */
    Map<String, Result> interleaved(Map<String, Supplier<HttpRequest>> scenarios, int rounds) throws InterruptedException {
        LoadRun slice = new LoadRun(http, concurrency, warmUp, measured.dividedBy(rounds), processes);
        Map<String, List<Window>> windows = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Supplier<HttpRequest>> scenario : scenarios.entrySet()) {
                windows.computeIfAbsent(scenario.getKey(), k -> new ArrayList<>()).add(slice.window(scenario.getValue()));
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        windows.forEach((name, measuredWindows) -> results.put(name, Result.of(measuredWindows)));
        return results;
    }

    private Window window(Supplier<HttpRequest> requests) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        long[] measuredEnd = {end};
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    HttpRequest request = requests.get();
                    if (request == null) {
                        synchronized (measuredEnd) {
                            measuredEnd[0] = Math.min(measuredEnd[0], System.nanoTime());
                        }
                        return;
                    }
                    long sent = System.nanoTime();
                    boolean ok;
                    try {
                        ok = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom) {
                        recorder.recordValue(Math.max(1, (done - sent) / 1_000));
                        count.incrementAndGet();
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        Map<String, Duration> cpuFrom = cpu();
        for (Thread thread : threads) {
            thread.join();
        }
        Map<String, Duration> cpuUsed = new LinkedHashMap<>();
        cpu().forEach((name, total) -> cpuUsed.put(name, total.minus(cpuFrom.getOrDefault(name, Duration.ZERO))));
        double seconds = Math.max(1e-9, (Math.min(measuredEnd[0], end) - measureFrom) / 1e9);
        return new Window(recorder.getIntervalHistogram(), seconds, count.get(), errors.get(), cpuUsed);
    }

    /** CPU time (user and system) each counted process has used so far, from the operating system. */
    private Map<String, Duration> cpu() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(total -> cpu.put(name, total)));
        return cpu;
    }

    /** One measured window: its latencies (microseconds), length, requests, errors and the CPU time each counted process used. */
    private record Window(Histogram latencies, double seconds, long requests, long errors, Map<String, Duration> cpu) {}

    /**
     * Load without recording until the servers are warm: windows of {@code window}, at least
     * {@code min} and at most {@code max} in all. Warm means the JIT compilers have (nearly)
     * stopped, each server's {@code compileMs} growing by under a tenth of the window in each of
     * the last two windows, and, unless {@code steadyWindows} is 0, the throughput has stopped
     * rising: the last {@code steadyWindows} windows together no more than 10% faster than the
     * as many before them (this machine's own noise is about that). On two cores the compilers share
     * the CPU with the load, so a large application (Spring Security, MVC, Tomcat, an HTTP client,
     * Jackson, Nimbus) takes a minute or two of load to reach its compiled steady state, and its
     * throughput can pause on a false plateau on the way; measuring earlier measures the compiler.
     */
    WarmUp warmUntilSteady(Supplier<HttpRequest> requests, Duration min, Duration max, Duration window, int steadyWindows,
                           Supplier<Map<String, Double>> compileMs) throws InterruptedException {
        LoadRun slice = new LoadRun(http, concurrency, Duration.ZERO, window);
        List<Double> rates = new ArrayList<>();
        Map<String, List<Double>> compiling = new LinkedHashMap<>();
        Map<String, Double> compiledBefore = compileMs.get();
        long start = System.nanoTime();
        long requestsSent = 0;
        while (true) {
            Result result = slice.run(requests);
            if (result.requests() == 0) {
                // The requests ran out (a warm-up of a fixed number of them): warm if the compilers were quiet by then.
                boolean quiet = compiling.values().stream().allMatch(ms -> ms.size() >= 2
                        && ms.subList(ms.size() - 2, ms.size()).stream().allMatch(d -> d < window.toMillis() / 10.0));
                return new WarmUp(Duration.ofNanos(System.nanoTime() - start), quiet, List.copyOf(rates), compiling, requestsSent);
            }
            rates.add(result.rps());
            requestsSent += result.requests();
            Map<String, Double> compiledNow = compileMs.get();
            compiledNow.forEach((name, ms) -> compiling.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(ms - compiledBefore.getOrDefault(name, ms)));
            compiledBefore.putAll(compiledNow);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            boolean quiet = compiling.values().stream().allMatch(ms -> ms.size() >= 2
                    && ms.subList(ms.size() - 2, ms.size()).stream().allMatch(d -> d < window.toMillis() / 10.0));
            boolean warm = elapsed.compareTo(min) >= 0 && quiet && (steadyWindows == 0 || steady(rates, steadyWindows));
            if (warm || elapsed.compareTo(max) >= 0) {
                return new WarmUp(elapsed, warm, List.copyOf(rates), compiling, requestsSent);
            }
        }
    }

    private static boolean steady(List<Double> rates, int k) {
        int n = rates.size();
        if (n < 2 * k) {
            return false;
        }
        double last = rates.subList(n - k, n).stream().mapToDouble(Double::doubleValue).sum();
        double before = rates.subList(n - 2 * k, n - k).stream().mapToDouble(Double::doubleValue).sum();
        return last <= before * 1.10;
    }

    /**
     * How long the warm-up took, whether the servers were warm by then (false: it hit its
     * maximum first), the throughput of each of its windows, each server's JIT compilation
     * time per window (ms), and the requests it sent.
     */
    record WarmUp(Duration took, boolean warm, List<Double> windowRps, Map<String, List<Double>> windowCompileMs, long requests) {

        /** This warm-up followed by {@code next}: their windows in turn, warm if the last one is. */
        WarmUp then(WarmUp next) {
            List<Double> rps = new ArrayList<>(windowRps);
            rps.addAll(next.windowRps);
            Map<String, List<Double>> compiling = new LinkedHashMap<>();
            windowCompileMs.forEach((name, ms) -> compiling.put(name, new ArrayList<>(ms)));
            next.windowCompileMs.forEach((name, ms) -> compiling.computeIfAbsent(name, k -> new ArrayList<>()).addAll(ms));
            return new WarmUp(took.plus(next.took), next.warm, rps, compiling, requests + next.requests);
        }
    }

    static HttpRequest get(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(30)).build();
    }

    /**
     * One scenario's numbers: requests per second, median and 99th-percentile latency in ms,
     * errors, requests measured, and the CPU milliseconds each counted process spent per request.
     */
    record Result(double rps, double p50Ms, double p99Ms, long errors, long requests, Map<String, Double> cpuMsPerRequest) {

        /** Unmeasured load in two parts as one: their requests and errors added, their rates averaged by requests (no latencies). */
        Result and(Result other) {
            long all = requests + other.requests;
            double seconds = requests / Math.max(1e-9, rps) + other.requests / Math.max(1e-9, other.rps);
            return new Result(all == 0 ? 0 : all / Math.max(1e-9, seconds), Double.NaN, Double.NaN, errors + other.errors, all, Map.of());
        }

        private static Result of(List<Window> windows) {
            Histogram all = new Histogram(3);
            double seconds = 0;
            long requests = 0;
            long errors = 0;
            Map<String, Duration> cpu = new LinkedHashMap<>();
            for (Window window : windows) {
                all.add(window.latencies());
                seconds += window.seconds();
                requests += window.requests();
                errors += window.errors();
                window.cpu().forEach((name, used) -> cpu.merge(name, used, Duration::plus));
            }
            Map<String, Double> perRequest = new LinkedHashMap<>();
            long measuredRequests = Math.max(1, requests);
            cpu.forEach((name, used) -> perRequest.put(name, used.toNanos() / 1e6 / measuredRequests));
            return new Result(requests / Math.max(1e-9, seconds), all.getValueAtPercentile(50) / 1000.0,
                    all.getValueAtPercentile(99) / 1000.0, errors, requests, perRequest);
        }
    }
}
