package dev.obo.bench;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The heap a cached user holds in the API, by live bytes after a full GC ({@link HeapHistogram},
 * {@code jcmd GC.class_histogram}) before and after adding entries, divided by the entries added
 * (the caches' own {@code cache.size} gauges):
 * <ol>
 * <li>{@link #before()}, then the users' first requests ({@code GET /subscriptions}): each adds a
 * verified token and an ARM token, {@link #afterUsers()};</li>
 * <li>then {@code GET /me} for some of them: each adds a Graph token only (its bearer token is
 * verified already), {@link #afterGraph()}: an OBO entry's bytes alone.</li>
 * </ol>
 * An ARM entry is a Graph entry with a token longer by the difference of their lengths (one
 * byte a character: the tokens are ASCII), and the verified token's bytes are what is left of step 1.
 */
final class CacheBytes {

    static final String METHOD = "jcmd GC.class_histogram (live bytes after a full GC) before and after: users' first requests add a "
            + "verified token and an ARM token each, then GET /me adds a Graph token each (an OBO entry alone); the ARM entry is the "
            + "Graph entry plus the difference of the tokens' lengths";

    private final HttpClient http;
    private final Bench.Servers servers;
    private final long[] heap = new long[3];
    private final HeapHistogram.Live[] histograms = new HeapHistogram.Live[3];
    private final double[] obo = new double[3];
    private final double[] verified = new double[3];

    CacheBytes(HttpClient http, Bench.Servers servers) {
        this.http = http;
        this.servers = servers;
    }

    void before() throws Exception {
        measure(0);
    }

    void afterUsers() throws Exception {
        measure(1);
    }

    void afterGraph() throws Exception {
        measure(2);
    }

    private void measure(int step) throws Exception {
        histograms[step] = HeapHistogram.live(servers.apiProcess().pid());
        heap[step] = histograms[step].total();
        obo[step] = size("obo.tokens");
        verified[step] = size("verified.tokens");
    }

    private double size(String cache) throws Exception {
        return Bench.metric(http, servers.api() + "/actuator/metrics/cache.size?tag=cache:" + cache);
    }

    /** The classes whose live bytes grew most from {@code before} to {@code after}, per entry added: what an entry is made of. */
    private static Map<String, Object> byClass(HeapHistogram.Live before, HeapHistogram.Live after, double entries) {
        Map<String, Object> grown = new LinkedHashMap<>();
        after.byClass().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.byClass().getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> grown.put(e.getKey(), Math.round(e.getValue() / Math.max(1, entries))));
        return grown;
    }

    Map<String, Object> report(int armTokenChars, int graphTokenChars, int assertionChars) {
        double oboAdded = obo[1] - obo[0];
        double verifiedAdded = verified[1] - verified[0];
        double graphAdded = obo[2] - obo[1];
        double graphEntry = (heap[2] - heap[1]) / Math.max(1, graphAdded);
        double armEntry = graphEntry + (armTokenChars - graphTokenChars);
        double verifiedEntry = (heap[1] - heap[0] - oboAdded * armEntry) / Math.max(1, verifiedAdded);
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("obo_bytes_per_entry", Math.round(armEntry));
        cache.put("verified_bytes_per_entry", Math.round(verifiedEntry));
        cache.put("downstream_token_chars", armTokenChars);
        cache.put("obo_bytes_per_token_char", Report.round(armEntry / armTokenChars));
        cache.put("assertion_chars", assertionChars);
        cache.put("verified_bytes_per_assertion_char", Report.round(verifiedEntry / assertionChars));
        cache.put("graph_obo_bytes_per_entry", Math.round(graphEntry));
        cache.put("graph_token_chars", graphTokenChars);
        cache.put("user_bytes", Math.round((heap[1] - heap[0]) / Math.max(1, verifiedAdded)));
        cache.put("entries_added", Map.of("obo_arm", Math.round(oboAdded), "verified", Math.round(verifiedAdded), "obo_graph",
                Math.round(graphAdded), "verified_during_graph", Math.round(verified[2] - verified[1])));
        cache.put("live_heap_bytes", Map.of("before", heap[0], "after_users", heap[1], "after_graph", heap[2]));
        cache.put("graph_entry_bytes_by_class", byClass(histograms[1], histograms[2], graphAdded));
        cache.put("method", METHOD);
        return cache;
    }
}
