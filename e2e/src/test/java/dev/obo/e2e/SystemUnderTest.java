package dev.obo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.obo.sandbox.junit.LocalSystem;

/**
 * The whole system as {@code ./demo} runs it: sandbox, API and web app as three processes
 * from their executable jars, on free ports (the sandbox's seed gets the web app's port in
 * its redirect URIs), each logging to {@code e2e/target/logs/}. The API can be stopped and
 * started again.
 */
final class SystemUnderTest implements AutoCloseable {

    static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";

    private final LocalSystem processes = new LocalSystem(Path.of(".."), Path.of("target", "logs"));
    private final int sandboxPort = LocalSystem.freePort();
    private final int apiPort = LocalSystem.freePort();
    private final int webPort = LocalSystem.freePort();

    SystemUnderTest() throws IOException {
        Path seed = Files.createTempFile("e2e-seed", ".yml");
        Files.writeString(seed, Files.readString(processes.root().resolve("sandbox/src/main/resources/sandbox.yml"))
                .replace("http://localhost:8000/", "http://localhost:" + webPort + "/"));
        processes.start("sandbox", "sandbox/target/sandbox-exec.jar", sandboxPort, List.of("--sandbox.seed=file:" + seed));
        startApi();
        processes.start("web", "web/target/web-exec.jar", webPort, List.of("--obo.web.authority=" + authority(),
                "--API_URL=http://localhost:" + apiPort));
    }

    String web() {
        return "http://localhost:" + webPort;
    }

    String authority() {
        return "http://localhost:" + sandboxPort + "/" + TENANT;
    }

    void stopApi() throws InterruptedException {
        processes.stop("api");
    }

    void startApi() throws IOException {
        processes.start("api", "api/target/api-exec.jar", apiPort, List.of("--onbehalf.authority=" + authority(),
                "--onbehalf.issuer=" + authority() + "/v2.0",
                "--obo.api.arm.subscriptions-uri=http://localhost:" + sandboxPort + "/subscriptions?api-version=2022-12-01",
                "--GRAPH_BASE_URI=http://localhost:" + sandboxPort));
    }

    @Override
    public void close() {
        processes.close();
    }
}
