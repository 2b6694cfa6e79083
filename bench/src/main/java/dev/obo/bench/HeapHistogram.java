package dev.obo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of live objects in a JVM's heap, from {@code jcmd <pid> GC.class_histogram}: it runs a
 * full GC first, so the total counts only what is still reachable (retained), not garbage.
 */
final class HeapHistogram {

    private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private HeapHistogram() {
    }

    /** The live bytes in all, and by class. */
    record Live(long total, Map<String, Long> byClass) {}

    static Live live(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid),
                "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Matcher total = TOTAL.matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("jcmd GC.class_histogram gave no total: " + out.lines().limit(3).toList());
        }
        Map<String, Long> byClass = new HashMap<>();
        Matcher row = ROW.matcher(out);
        while (row.find()) {
            byClass.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
        }
        return new Live(Long.parseLong(total.group(2)), byClass);
    }
}
