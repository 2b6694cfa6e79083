package dev.obo.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.LocalSystem;
import dev.obo.sandbox.junit.NginxServer;
import dev.obo.sandbox.junit.RedisServer;

/**
 * The system as {@code ./demo --scale 2} runs it, on free ports: Debian's {@code redis-server}, the
 * sandbox, the API, two web app instances ({@code web-1}, {@code web-2}) that keep their sessions in
 * that Redis under one session key and trust the proxy in front of them, and Debian's nginx
 * sending each request to the next instance. The sandbox's own seed serves: it matches the web
 * app's redirect URI on any loopback port, so the proxy's callback URL is registered as it is.
 */
final class ScaledSystem implements AutoCloseable {

    static final List<String> INSTANCES = List.of("web-1", "web-2");

    private final LocalSystem processes = new LocalSystem(Path.of(".."), Path.of("target", "logs", "scaled"));
    private final RedisServer redis = RedisServer.started();
    private final int sandboxPort = LocalSystem.freePort();
    private final int apiPort = LocalSystem.freePort();
    private NginxServer proxy;

    ScaledSystem() throws IOException {
        try {
            start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void start() throws IOException {
        String authority = "http://localhost:" + sandboxPort + "/" + DemoTenant.TENANT;
        processes.start("sandbox", "sandbox/target/sandbox-exec.jar", sandboxPort, List.of());
        processes.start("api", "api/target/api-exec.jar", apiPort, List.of("--AUTHORITY=" + authority, "--ISSUER=" + authority + "/v2.0",
                "--AZURE_MANAGEMENT_SUBSCRIPTIONS_URI=http://localhost:" + sandboxPort + "/subscriptions?api-version=2022-12-01",
                "--GRAPH_BASE_URI=http://localhost:" + sandboxPort));
        String key = sessionKey();
        List<Integer> webPorts = List.of(LocalSystem.freePort(), LocalSystem.freePort());
        for (int i = 0; i < INSTANCES.size(); i++) {
            processes.start(INSTANCES.get(i), "web/target/web-exec.jar", webPorts.get(i), List.of("--AUTHORITY=" + authority,
                    "--API_URL=http://localhost:" + apiPort, "--REDIS_URL=" + redis.url(), "--SESSION_ENCRYPTION_KEY=" + key,
                    "--INSTANCE_NAME=" + INSTANCES.get(i), "--TRUSTED_PROXIES=127\\.0\\.0\\.1"));
        }
        proxy = NginxServer.roundRobin(webPorts);
    }

    /** The web app as a browser reaches it: through the proxy. */
    String web() {
        return proxy.url();
    }

    RedisServer redis() {
        return redis;
    }

    private static String sessionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        processes.close();
        redis.close();
    }
}
