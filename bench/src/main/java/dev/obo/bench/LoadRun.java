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

    LoadRun(HttpClient http, int concurrency, Duration warmUp, Duration measured) {
        this.http = http;
        this.concurrency = concurrency;
        this.warmUp = warmUp;
        this.measured = measured;
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
        LoadRun slice = new LoadRun(http, concurrency, warmUp, measured.dividedBy(rounds));
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
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = Math.max(1e-9, (Math.min(measuredEnd[0], end) - measureFrom) / 1e9);
        return new Window(recorder.getIntervalHistogram(), seconds, count.get(), errors.get());
    }

    /** One measured window: its latencies (microseconds), length, requests and errors. */
    private record Window(Histogram latencies, double seconds, long requests, long errors) {}

    /**
     * Load without recording until the throughput stops rising: windows of {@code window},
     * at least {@code min} and at most {@code max} in all; steady when the last four windows
     * together are no more than 5% faster than the four before them. On two cores the JIT
     * compilers share the CPU with the load, so a large application (Spring Security, MVC,
     * Tomcat, an HTTP client, Jackson, Nimbus) takes minutes of load to reach its compiled
     * steady state; measuring earlier measures the compiler.
     */
    WarmUp warmUntilSteady(Supplier<HttpRequest> requests, Duration min, Duration max, Duration window) throws InterruptedException {
        LoadRun slice = new LoadRun(http, concurrency, Duration.ZERO, window);
        List<Double> rates = new ArrayList<>();
        long start = System.nanoTime();
        while (true) {
            rates.add(slice.run(requests).rps());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.compareTo(max) >= 0 || (elapsed.compareTo(min) >= 0 && steady(rates))) {
                return new WarmUp(elapsed, List.copyOf(rates));
            }
        }
    }

    private static boolean steady(List<Double> rates) {
        int n = rates.size();
        if (n < 8) {
            return false;
        }
        double last = rates.subList(n - 4, n).stream().mapToDouble(Double::doubleValue).sum();
        double before = rates.subList(n - 8, n - 4).stream().mapToDouble(Double::doubleValue).sum();
        return last <= before * 1.05;
    }

    /** How long the warm-up took and the throughput of each of its windows. */
    record WarmUp(Duration took, List<Double> windowRps) {}

    static HttpRequest get(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(30)).build();
    }

    /** One scenario's numbers: requests per second, median and 99th-percentile latency in ms, errors, requests measured. */
    record Result(double rps, double p50Ms, double p99Ms, long errors, long requests) {

        private static Result of(List<Window> windows) {
            Histogram all = new Histogram(3);
            double seconds = 0;
            long requests = 0;
            long errors = 0;
            for (Window window : windows) {
                all.add(window.latencies());
                seconds += window.seconds();
                requests += window.requests();
                errors += window.errors();
            }
            return new Result(requests / Math.max(1e-9, seconds), all.getValueAtPercentile(50) / 1000.0,
                    all.getValueAtPercentile(99) / 1000.0, errors, requests);
        }
    }
}
