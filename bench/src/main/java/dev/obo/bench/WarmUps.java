package dev.obo.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The warm-up before anything is measured, one of three kinds (BENCH_WARMUP), all on api_hot,
 * which runs the API's whole hot path and, through it, the ARM stand-in's (what direct measures),
 * with the servers' production JIT settings:
 * <ul>
 * <li>{@code quiet} (the default): at the measured concurrency until both servers' JIT compilers are
 * quiet, and the throughput of the last two windows is no more than 10% over the two before: the
 * compilers are the signal, the throughput a check. Picked on measurements (docs/benchmarks.md,
 * the warm-up): the compiled steady state comes when the compilers go quiet, and the earlier rule's
 * eight windows of steady throughput added 20 s or more after that, or ran past its cap;</li>
 * <li>{@code steady}: the earlier rule, quiet compilers and the last four windows no more than 10%
 * over the four before;</li>
 * <li>{@code low}: first at concurrency 2 until the compilers are quiet (fewer runnable threads
 * leave the compiler threads more of the cores), then {@code quiet} at the measured concurrency;</li>
 * <li>{@code requests}: a fixed number of requests (BENCH_WARMUP_REQUESTS, 60 000).</li>
 * </ul>
 * Each ends at BENCH_WARMUP_SECONDS at the latest, and says whether it saw the servers warm.
 */
final class WarmUps {

    static final String DEFAULT = "quiet";
    private static final int LOW_CONCURRENCY = 2;
    private static final Duration WINDOW = Duration.ofSeconds(5);

    private WarmUps() {
    }

    static String describe(Bench.Settings settings) {
        return switch (settings.warmUpKind()) {
            case "low" -> "api_hot at concurrency " + LOW_CONCURRENCY + " until both servers' JIT compilers are quiet, then at "
                    + settings.concurrency() + " until they stay quiet and its throughput is steady";
            case "quiet" -> "api_hot at concurrency " + settings.concurrency() + " until both servers' JIT compilers are quiet and its "
                    + "throughput steady over the last 2 windows";
            case "steady" -> "api_hot at concurrency " + settings.concurrency() + " until both servers' JIT compilers are quiet and its "
                    + "throughput steady over the last 4 windows";
            case "requests" -> requests() + " api_hot requests at concurrency " + settings.concurrency();
            default -> throw new IllegalArgumentException("BENCH_WARMUP: quiet, steady, low or requests, not " + settings.warmUpKind());
        } + " (at most " + settings.warmUp().toSeconds() + " s)";
    }

    /** What the progress line plans for the warm-up: about what it took on this 2-core machine. */
    static double planned(Bench.Settings settings) {
        return Math.min(settings.warmUp().toSeconds(), settings.quick() ? 45 : 80);
    }

    static LoadRun.WarmUp run(HttpClient http, Bench.Settings settings, Bench.Servers servers, List<String> pool, Progress progress)
            throws InterruptedException {
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("api", servers.api());
        bases.put("sandbox", servers.sandbox());
        Supplier<Map<String, Double>> compileMs = () -> Bench.compilationMs(http, bases);
        Supplier<HttpRequest> hot = Bench.cycling(pool, token -> LoadRun.get(servers.apiUrl(), token));
        Duration max = settings.warmUp();
        LoadRun.WarmUp warmUp = switch (settings.warmUpKind()) {
            case "low" -> {
                LoadRun.WarmUp low = new LoadRun(http, LOW_CONCURRENCY, Duration.ZERO, Duration.ZERO)
                        .warmUntilSteady(hot, Duration.ofSeconds(10), max.multipliedBy(2).dividedBy(3), WINDOW, 0, compileMs);
                progress.say(String.format(Locale.ROOT, "warm-up at concurrency %d: %d s, %s; now at %d", LOW_CONCURRENCY,
                        low.took().toSeconds(), low.warm() ? "compilers quiet" : "compilers still busy", settings.concurrency()));
                Duration left = max.minus(low.took());
                yield low.then(new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ZERO)
                        .warmUntilSteady(hot, Duration.ofSeconds(20), left.isNegative() ? Duration.ZERO : left, WINDOW, 2, compileMs));
            }
            case "quiet" -> new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ZERO)
                    .warmUntilSteady(hot, Duration.ofSeconds(Math.min(30, max.toSeconds())), max, WINDOW, 2, compileMs);
            case "steady" -> new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ZERO)
                    .warmUntilSteady(hot, Duration.ofSeconds(Math.min(40, max.toSeconds())), max, WINDOW, 4, compileMs);
            case "requests" -> {
                AtomicLong left = new AtomicLong(requests());
                yield new LoadRun(http, settings.concurrency(), Duration.ZERO, Duration.ZERO)
                        .warmUntilSteady(() -> left.getAndDecrement() > 0 ? hot.get() : null, Duration.ZERO, max, WINDOW, 0, compileMs);
            }
            default -> throw new IllegalArgumentException("BENCH_WARMUP: quiet, steady, low or requests, not " + settings.warmUpKind());
        };
        if (!warmUp.warm()) {
            progress.say("WARNING: the warm-up ended before the servers were seen warm (JIT compilers quiet and throughput steady); "
                    + "check its windows below before trusting the numbers, or raise BENCH_WARMUP_SECONDS");
        }
        progress.say(String.format(Locale.ROOT, "warm-up ended after %d s, %d requests; per 5 s window, req/s: %s; JIT ms: %s",
                warmUp.took().toSeconds(), warmUp.requests(),
                warmUp.windowRps().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                warmUp.windowCompileMs().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                        .map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList()).toList()));
        return warmUp;
    }

    private static long requests() {
        String value = System.getenv("BENCH_WARMUP_REQUESTS");
        return value == null || value.isBlank() ? 60_000 : Long.parseLong(value.trim());
    }
}
