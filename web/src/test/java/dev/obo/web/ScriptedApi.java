package dev.obo.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A middle tier in place of the API, on a real socket (the JDK's HTTP server), that answers
 * each path what the test set: for answers the real API does not give (another API's shapes, a
 * hang, a redirect). It keeps the {@code Authorization} header of every request. A path with no
 * answer set is a 404 with no body.
 */
public final class ScriptedApi implements AutoCloseable {

    private final HttpServer server;
    // A thread per exchange: a delayed answer does not hold up the next request.
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private ScriptedApi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** On {@code port} (0: a free one). */
    public static ScriptedApi start(int port) {
        try {
            return new ScriptedApi(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port, e);
        }
    }

    /** From now on, {@code path} is answered with {@code answer}. */
    public ScriptedApi answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    /** The {@code Authorization} headers received, in order ({@code null} for a request without one). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = answers.get(exchange.getRequestURI().getPath());
        try (exchange) {
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Thread.sleep(answer.delay().toMillis());
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** What a path answers: a status, a JSON body, headers, after a delay. */
    public record Answer(int status, String json, Map<String, String> headers, Duration delay) {

        public static Answer of(int status, String json) {
            return new Answer(status, json, Map.of(), Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, json, Map.copyOf(more), delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, json, headers, wait);
        }
    }
}
