package dev.obo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.obo.sandbox.junit.DemoTenant;

/**
 * The benchmark's own users, {@code count} distinct accounts added to the sandbox's default seed
 * by a seed file of their own (docs/sandbox.md, section 6), each with one subscription, and an
 * admin consent ({@code "*"}) for the web app to the API and for the API to ARM and Graph, so that
 * each can sign in (ROPC) and be served On-Behalf-Of. Their assertions are minted in parallel, once
 * per run (tokens expire), and the minting is timed.
 */
final class BenchUsers {

    /** Threads minting at once: enough to keep both of the sandbox's cores busy. */
    private static final int MINTING_THREADS = 8;

    private BenchUsers() {
    }

    static String username(int i) {
        return String.format(Locale.ROOT, "user%05d@%s", i, DemoTenant.DOMAIN);
    }

    /** Writes the seed file for users {@code 0..count-1} and returns it. */
    static Path writeSeed(Path directory, int count) throws IOException {
        Files.createDirectories(directory);
        StringBuilder yaml = new StringBuilder("# Written by the benchmark for one run: its users and their admin consents.\nusers:\n");
        for (int i = 0; i < count; i++) {
            // One line each in flow style: the seed parser refuses a document over 3 M characters.
            yaml.append(String.format(Locale.ROOT, "- {username: %s, oid: 4a5b6c7d-0000-4000-8001-%012d, password: %s, subscriptions: "
                    + "[{subscriptionId: 5a1c0002-0000-4000-8000-%012d, displayName: Bench %d, state: Enabled, quotaId: PayAsYouGo_2014-09-01}]}%n",
                    username(i), i, DemoTenant.PASSWORD, i, i));
        }
        yaml.append("consents:\n");
        yaml.append(consent(DemoTenant.WEB, DemoTenant.API, "access_as_user"));
        yaml.append(consent(DemoTenant.API, DemoTenant.ARM, "user_impersonation"));
        yaml.append(consent(DemoTenant.API, DemoTenant.GRAPH, "User.Read"));
        Path seed = directory.resolve("bench-users.yml");
        Files.writeString(seed, yaml);
        return seed;
    }

    private static String consent(String client, String resource, String scope) {
        return "  - { user: \"*\", client: " + client + ", resource: " + resource + ", scopes: [ " + scope + " ] }\n";
    }

    /** One assertion per user, {@code 0..count-1}, in user order, minted {@value #MINTING_THREADS} at a time. */
    static List<String> mint(Tokens tokens, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(MINTING_THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String user = username(i);
                futures.add(pool.submit(() -> tokens.userToken(user)));
            }
            List<String> assertions = new ArrayList<>(count);
            for (Future<String> future : futures) {
                assertions.add(future.get());
            }
            return assertions;
        } finally {
            pool.shutdown();
        }
    }
}
