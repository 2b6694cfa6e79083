package dev.obo.sandbox.junit;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's {@code nginx}, started by a test on a free loopback port as a round-robin reverse proxy
 * in front of {@code upstreamPorts}, with a configuration it writes into its own directory (pid,
 * logs and temporary files there too, nothing of the machine's own nginx touched). It passes the
 * {@code Host} the browser sent and {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and
 * {@code -Port}, as a production proxy does. A machine without {@code /usr/sbin/nginx} fails the
 * test: install it ({@code apt-get install nginx}); a proxy test never skips.
 */
public final class NginxServer implements AutoCloseable {

    public static final File BINARY = new File("/usr/sbin/nginx");

    private final int port = LocalSystem.freePort();
    private final Path directory;
    private final Process process;

    private NginxServer(List<Integer> upstreamPorts) throws IOException {
        directory = Files.createTempDirectory("nginx");
        Files.writeString(directory.resolve("nginx.conf"), configuration(upstreamPorts));
        process = new ProcessBuilder(List.of(BINARY.getPath(), "-p", directory.toString(), "-c", directory.resolve("nginx.conf").toString(),
                "-g", "daemon off;")).redirectErrorStream(true).redirectOutput(directory.resolve("nginx.out").toFile()).start();
        try {
            awaitListening();
        } catch (RuntimeException | IOException notListening) {
            process.destroyForcibly(); // no caller holds it yet to close it
            throw notListening;
        }
    }

    /** A running nginx on a free port that sends each request to the next of {@code upstreamPorts} on loopback. */
    public static NginxServer roundRobin(List<Integer> upstreamPorts) {
        if (!BINARY.canExecute()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install nginx");
        }
        try {
            return new NginxServer(upstreamPorts);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nginx", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>}: what a browser opens. */
    public String url() {
        return "http://localhost:" + port;
    }

    public Path directory() {
        return directory;
    }

    private String configuration(List<Integer> upstreamPorts) {
        String servers = upstreamPorts.stream().map(p -> "        server 127.0.0.1:" + p + ";").collect(Collectors.joining("\n"));
        String d = directory.toString();
        // As root, nginx's workers would run as nobody, who cannot write this test's directory.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream instances {
                %2$s
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://instances;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-Host $host;
                            proxy_set_header X-Forwarded-Port $server_port;
                        }
                    }
                }
                """.formatted(d, servers, port);
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("nginx.out")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("nginx did not listen on port " + port + " within 20 s; see " + directory);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
