package dev.obo.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole system as {@code ./demo} runs it: sandbox, API and web app as three processes
 * from their executable jars, on free ports (the sandbox's seed gets the web app's port in
 * its redirect URIs), each logging to {@code e2e/target/logs/}. The API can be stopped and
 * started again.
 */
final class SystemUnderTest implements AutoCloseable {

    static final String TENANT = "4a5b6c7d-0000-4000-8000-000000000001";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LOGS = Path.of("target", "logs");

    final int sandboxPort = freePort();
    final int apiPort = freePort();
    final int webPort = freePort();
    private final List<Process> processes = new ArrayList<>();
    private Process api;

    SystemUnderTest() throws IOException {
        Files.createDirectories(LOGS);
        Path seed = Files.createTempFile("e2e-seed", ".yml");
        Files.writeString(seed, Files.readString(ROOT.resolve("sandbox/src/main/resources/sandbox.yml"))
                .replace("http://localhost:8000/", "http://localhost:" + webPort + "/"));
        start("sandbox", "sandbox/target/sandbox-exec.jar", "--server.port=" + sandboxPort, "--sandbox.seed=file:" + seed);
        awaitHealthy(sandboxPort);
        startApi();
        start("web", "web/target/web-exec.jar", "--server.port=" + webPort, "--obo.web.authority=" + authority(),
                "--obo.web.api-url=http://localhost:" + apiPort);
        awaitHealthy(webPort);
    }

    String web() {
        return "http://localhost:" + webPort;
    }

    String authority() {
        return "http://localhost:" + sandboxPort + "/" + TENANT;
    }

    void stopApi() throws InterruptedException {
        api.destroy();
        api.waitFor();
        processes.remove(api);
    }

    void startApi() throws IOException {
        api = start("api", "api/target/api-exec.jar", "--server.port=" + apiPort, "--obo.api.authority=" + authority(),
                "--obo.api.issuer=" + authority() + "/v2.0",
                "--obo.api.downstream.subscriptions-uri=http://localhost:" + sandboxPort + "/subscriptions?api-version=2022-12-01");
        awaitHealthy(apiPort);
    }

    private Process start(String name, String jar, String... args) throws IOException {
        Path executable = ROOT.resolve(jar);
        if (!Files.isRegularFile(executable)) {
            throw new IllegalStateException(executable + " is missing: build with ./mvnw -B verify (or package) from the repository root");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", executable.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve(name + ".log").toFile())).start();
        processes.add(process);
        return process;
    }

    private static void awaitHealthy(int port) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        throw new IllegalStateException("nothing healthy on port " + port + " after 120 s; see e2e/target/logs/");
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
