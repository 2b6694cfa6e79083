package dev.obo.sandbox.junit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Debian's {@code redis-server}, started by a test on a free loopback port with no persistence
 * (nothing is written to disk: a restart starts empty, as a failed-over replica without the data
 * would). {@link #kill()} stops it hard (SIGKILL, as a crash), {@link #start()} brings it back on the
 * same port. A machine without {@code /usr/bin/redis-server} fails the test: install it
 * ({@code apt-get install redis-server}); a Redis test never skips.
 */
public final class RedisServer implements AutoCloseable {

    public static final File BINARY = new File("/usr/bin/redis-server");

    private final int port = LocalSystem.freePort();
    private final Path directory;
    private Process process;

    private RedisServer() throws IOException {
        this.directory = Files.createTempDirectory("redis");
    }

    /** A running Redis on a free port. */
    public static RedisServer started() {
        if (!BINARY.canExecute()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install redis-server");
        }
        try {
            RedisServer redis = new RedisServer();
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(BINARY.getPath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--protected-mode", "yes",
                    // DEBUG SLEEP lets a test make Redis slow without a proxy; from loopback only.
                    "--enable-debug-command", "local"))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY, e);
        }
        try {
            awaitPong();
        } catch (RuntimeException notAnswering) {
            process.destroyForcibly(); // a redis-server that never answered is not left running
            throw notAnswering;
        }
    }

    /** Stops it at once, as a crash does: SIGKILL, no shutdown. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code REDIS_URL} or {@code spring.data.redis.url}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + directory.resolve("redis.log"));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] answer = new byte[7];
                if (in.readNBytes(answer, 0, answer.length) == answer.length && new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 20 s");
    }

    @Override
    public synchronized void close() {
        kill();
    }
}
