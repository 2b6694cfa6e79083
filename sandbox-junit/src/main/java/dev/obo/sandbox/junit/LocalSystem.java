package dev.obo.sandbox.junit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The apps as {@code ./demo} runs them: processes started from their executable jars
 * (built by {@code ./mvnw package}), each on its own port, logging to a file, waited on
 * until healthy, stopped on close. Used by the benchmark and by the browser tests, for a system
 * of separate processes, as against {@link Sandbox}, which runs the sandbox in the test's own JVM.
 */
public final class LocalSystem implements AutoCloseable {

    private final Path root;
    private final Path logs;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    public LocalSystem(Path root, Path logs) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.logs = logs;
        Files.createDirectories(logs);
    }

    /** Starts {@code jar} (relative to the repository root) as {@code name} and waits until it answers on {@code port}. */
    public Process start(String name, String jar, int port, List<String> args) throws IOException {
        return start(name, jar, port, List.of(), args);
    }

    /** As {@link #start(String, String, int, List)}, with extra JVM options (a profiler, say). */
    public Process start(String name, String jar, int port, List<String> jvmOptions, List<String> args) throws IOException {
        Path executable = root.resolve(jar);
        if (!Files.isRegularFile(executable)) {
            throw new IllegalStateException(executable + " is missing: build with ./mvnw -B -DskipTests package from the repository root");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", executable.toString(), "--server.port=" + port));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile())).start();
        processes.put(name, process);
        awaitHealthy(name, port, process);
        return process;
    }

    public void stop(String name) throws InterruptedException {
        Process process = processes.remove(name);
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    public Path root() {
        return root;
    }

    private void awaitHealthy(String name, int port, Process process) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up; see " + logs.resolve(name + ".log"));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not healthy on port " + port + " after 120 s; see " + logs.resolve(name + ".log"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
