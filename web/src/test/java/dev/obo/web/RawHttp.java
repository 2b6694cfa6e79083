package dev.obo.web;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.0 GETs over plain sockets, for what a client library hides: the local address a
 * request comes from (it decides whether the web app trusts its {@code X-Forwarded-*}), and
 * several requests written in the same instant on connections opened beforehand.
 */
public final class RawHttp {

    private final InetAddress address;
    private final int port;

    /** Requests from {@code address} to the web app listening on the same address at {@code port}. */
    public RawHttp(InetAddress address, int port) {
        this.address = address;
        this.port = port;
    }

    /** Whether a connection from and to the address can be made here (an interface may be down or unroutable). */
    public boolean reachable() {
        try (Socket probe = connect()) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code Host} header a browser would send to this address and port. */
    public String host() {
        String literal = address.getHostAddress().replaceAll("%.*", "");
        return (address instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + port;
    }

    public Answer get(String path, Map<String, String> headers) throws IOException {
        return getAtOnce(1, path, headers).get(0);
    }

    /** {@code count} GETs of {@code path}: all connections opened first, then every request written, then the answers read. */
    public List<Answer> getAtOnce(int count, String path, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: " + host() + "\r\nAccept: text/html\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] bytes = request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(connect());
            }
            // Gives the server time to accept every connection, so that it sees all the requests at once.
            Thread.sleep(200);
            for (Socket socket : sockets) {
                socket.getOutputStream().write(bytes);
            }
            List<Answer> answers = new ArrayList<>();
            for (Socket socket : sockets) {
                answers.add(Answer.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(address, port), 2_000);
            socket.setSoTimeout(30_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** An answer: status, headers (names in lower case, repeated ones joined by a newline) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }

        static Answer parse(String response) {
            String[] headAndBody = response.split("\r\n\r\n", 2);
            List<String> lines = headAndBody[0].lines().toList();
            Map<String, String> headers = new HashMap<>();
            lines.stream().skip(1).map(line -> line.split(":", 2)).filter(pair -> pair.length == 2)
                    .forEach(pair -> headers.merge(pair[0].trim().toLowerCase(), pair[1].trim(), (a, b) -> a + "\n" + b));
            return new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), headers, headAndBody.length > 1 ? headAndBody[1] : "");
        }
    }
}
